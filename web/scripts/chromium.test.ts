import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the test scripts, without types
import { ChromiumMissing, DEFAULT_CHROMIUM, ensureChromium } from './chromium.mjs';

function fakeMachine(files: string[], root: boolean, installWorks = true) {
  const present = new Set(files);
  const commands: string[] = [];
  return {
    commands,
    exists: (path: string) => present.has(path),
    isRoot: () => root,
    run: (command: string, args: string[]) => {
      commands.push([command, ...args].join(' '));
      if (installWorks && args.includes('install')) present.add(DEFAULT_CHROMIUM);
      return installWorks;
    },
    log: () => undefined,
  };
}

describe('ensureChromium', () => {
  it("uses Debian's Chromium when it is there, installing nothing", () => {
    const m = fakeMachine([DEFAULT_CHROMIUM], true);
    expect(ensureChromium({}, m)).toBe(DEFAULT_CHROMIUM);
    expect(m.commands).toEqual([]);
  });

  it('installs chromium with apt-get when missing and running as root', () => {
    const m = fakeMachine(['/usr/bin/apt-get'], true);
    expect(ensureChromium({}, m)).toBe(DEFAULT_CHROMIUM);
    expect(m.commands).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium']);
  });

  it('says in one line what to install when it cannot install', () => {
    const m = fakeMachine(['/usr/bin/apt-get'], false);
    expect(() => ensureChromium({}, m)).toThrow(ChromiumMissing);
    expect(() => ensureChromium({}, m)).toThrow(/sudo apt-get update && apt-get install -y chromium/);
    expect(m.commands).toEqual([]);
  });

  it('reports a failed install instead of launching nothing', () => {
    const m = fakeMachine(['/usr/bin/apt-get'], true, false);
    expect(() => ensureChromium({}, m)).toThrow(/Installing Chromium failed/);
  });

  it('honours CHROMIUM_PATH, and refuses one that does not exist', () => {
    expect(ensureChromium({ CHROMIUM_PATH: '/opt/chrome' }, fakeMachine(['/opt/chrome'], false))).toBe('/opt/chrome');
    expect(() => ensureChromium({ CHROMIUM_PATH: '/nope' }, fakeMachine([], true))).toThrow(/CHROMIUM_PATH=\/nope does not exist/);
  });
});
