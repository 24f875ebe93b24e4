// flanmix's public API: the core (also at `flanmix/core`, for browsers) plus the Node parts: sources
// (Hub, local files, samples), tokenizer loading, shard writers and buildMixture.

export * from './core.js';
export * from './pipeline/index.js';
export * from './sources/index.js';
export * from './tokenize/node.js';
export { JsonlFile, writeJsonlFile, writeJsonlShards } from './write/jsonl-shards.js';
export { writePackedJsonlShards } from './write/packed-jsonl.js';
export { ShardFile, type ShardInfo, shardName } from './write/shard-file.js';
export * from './write/tfrecord/index.js';
export { writePackedOutput } from './write/tfrecord/output.js';
export { readTfrecordExamples, readTfrecordFile } from './write/tfrecord/reader.js';
export { writeTfrecordShards } from './write/tfrecord/writer.js';
