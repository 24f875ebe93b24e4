export * from './heldout.js';
