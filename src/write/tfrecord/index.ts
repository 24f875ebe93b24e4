// TFRecord: pure encoders/decoders here; file writing and reading in ./writer.ts and ./reader.ts (Node).
export * from './crc.js';
export * from './example.js';
export * from './example-decode.js';
export * from './record.js';
// Node-only: ./writer.js, ./reader.js, ./output.js
