import { COMMANDS } from '../../../src/cli';

describe('CLI command table', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s: name, usage and summary match the command module',
    (_name, entry) => {
      const command = entry.load();
      expect({ name: entry.name, usage: entry.usage, summary: entry.summary }).toEqual({
        name: command.name,
        usage: command.usage,
        summary: command.summary,
      });
    },
  );
});
