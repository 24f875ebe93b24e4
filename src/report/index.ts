export { REPORT_GENERATOR, reportHtml } from './html.js';
export { LENGTH_BOUNDS, LengthRecorder, recordLengths } from './lengths.js';
export { REPORT, writeReport } from './write.js';
