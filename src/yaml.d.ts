// Template files are bundled as text (tsup loader, vitest plugin) and parsed at load.
declare module '*.yaml' {
  const text: string;
  export default text;
}
