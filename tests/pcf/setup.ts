import '@testing-library/jest-dom';
import { setIconOptions } from '@fluentui/react';

// The controls use no icon fonts; Fluent still warns about unregistered icons inside some components.
setIconOptions({ disableWarnings: true });
