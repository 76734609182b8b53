import * as React from 'react';

/**
 * The JSX factory of the views (`/** @jsx h *\/` at the top of each .tsx file): React.createElement
 * under a name of its own. Through the React namespace every element costs the 16 bytes of
 * `r.createElement(` in the minified bundle, and a view has 20 to 30 elements; a bound name costs 2.
 * That is about 350 bytes of each control's 10 KB budget. createElement does not use `this`.
 */
export const h = React.createElement;
