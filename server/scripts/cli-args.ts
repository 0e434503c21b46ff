/** Reads `--name value` and `--flag` options of a command line. */
export function parseArgs(argv: string[], flags: string[] = []): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2);
    if (flags.includes(name)) out.set(name, true);
    else if (inline !== undefined) out.set(name, inline);
    else if (i + 1 < argv.length) out.set(name, argv[++i]);
    else throw new Error(`--${name} needs a value`);
  }
  return out;
}
