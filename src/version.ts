import pkg from '../package.json';

/** flanmix's version, recorded in every manifest. */
export const VERSION: string = pkg.version;
