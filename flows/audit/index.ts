/** The audit entry format: types and constants, writer (format + bound) and reader (parse). */
export * from './entry';
export * from './format';
export * from './bound';
export * from './parse';
