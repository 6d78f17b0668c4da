import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventChannels, methodChannels } from '../../src/shared/contract';
import { createServices } from '../../src/main/services';
import { BrowserNativeHost } from '../../src/main/services/native-host/browser-native-host';
import { JsonFileStore } from '../../src/main/services/settings/json-file-store';
import { allowedEvents, allowedMethods } from '../../src/main/preload/whitelist';
import { exposeServices } from '../../src/main/transport/expose-services';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function services(): Promise<ReturnType<typeof createServices>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-contract-'));
  dirs.push(dir);
  return createServices({
    userDataDir: dir,
    sampleWorkspaceDir: dir,
    store: new JsonFileStore(path.join(dir, 'settings.json')),
    nativeHost: new BrowserNativeHost('test'),
    appVersion: 'test',
  });
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const duplicates = (xs: string[]): string[] => xs.filter((x, i) => xs.indexOf(x) !== i);

describe('contract conformance', () => {
  it('every contract method has exactly one handler, and nothing else is exposed', async () => {
    const s = await services();
    const exposed = exposeServices(s);
    expect(duplicates([...exposed.methodChannels])).toEqual([]);
    expect(sorted(exposed.methodChannels)).toEqual(sorted(methodChannels()));
    expect(sorted(exposed.eventChannels)).toEqual(sorted(eventChannels()));
    await s.dispose();
  });

  it('the preload whitelist equals the contract', () => {
    expect(sorted(allowedMethods)).toEqual(sorted(methodChannels()));
    expect(sorted(allowedEvents)).toEqual(sorted(eventChannels()));
  });

  it('channel names follow <service>.<method> and events are onDid/onWill', () => {
    for (const ch of methodChannels()) expect(ch).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
    for (const ch of eventChannels()) expect(ch).toMatch(/^[a-z][A-Za-z]*\.on(Did|Will)[A-Z][A-Za-z]*$/);
  });

  it('the surface is the reviewed one (update this list on purpose when the contract changes)', () => {
    expect(sorted([...methodChannels(), ...eventChannels()])).toMatchInlineSnapshot(`
      [
        "git.branches",
        "git.checkout",
        "git.commit",
        "git.createBranch",
        "git.currentBranch",
        "git.discard",
        "git.init",
        "git.log",
        "git.onDidChangeStatus",
        "git.readAt",
        "git.restore",
        "git.stage",
        "git.status",
        "git.unstage",
        "nativeHost.capabilities",
        "nativeHost.listDirectories",
        "nativeHost.onDidRequestCommand",
        "nativeHost.pickFolder",
        "nativeHost.revealInFolder",
        "resources.create",
        "resources.createVersion",
        "resources.delete",
        "resources.deleteVersion",
        "resources.get",
        "resources.list",
        "resources.readVersion",
        "resources.upload",
        "runner.backfill",
        "runner.checkPythonSyntax",
        "runner.debugScript",
        "runner.evaluateInScript",
        "runner.get",
        "runner.list",
        "runner.listConnectionPasswords",
        "runner.onDidAppendLog",
        "runner.onDidChangeInstance",
        "runner.onDidScriptDebug",
        "runner.onDidScriptEnd",
        "runner.onDidScriptOutput",
        "runner.onDidScriptTrace",
        "runner.onDidSqlResult",
        "runner.previewScript",
        "runner.previewSource",
        "runner.readLog",
        "runner.rerun",
        "runner.runScript",
        "runner.setConnectionPassword",
        "runner.setScriptBreakpoints",
        "runner.start",
        "runner.stop",
        "runner.stopScript",
        "search.find",
        "search.replace",
        "settings.get",
        "settings.onDidChangeSettings",
        "settings.update",
        "sync.apply",
        "sync.backfill",
        "sync.cancel",
        "sync.deleteEnvironment",
        "sync.exportPrerequisites",
        "sync.forceTaskSuccess",
        "sync.getRemoteInstance",
        "sync.getRemoteTaskLog",
        "sync.listEnvironments",
        "sync.listRemoteInstances",
        "sync.listRemoteWorkflows",
        "sync.onDidProgress",
        "sync.plan",
        "sync.recoverInstance",
        "sync.rerunInstance",
        "sync.saveEnvironment",
        "sync.setEnabled",
        "sync.testConnection",
        "sync.trigger",
        "sync.triggerFromTask",
        "workspace.close",
        "workspace.create",
        "workspace.createDirectory",
        "workspace.current",
        "workspace.delete",
        "workspace.listRecent",
        "workspace.onDidChangeFiles",
        "workspace.onDidChangeProblems",
        "workspace.onDidChangeWorkspace",
        "workspace.open",
        "workspace.openSample",
        "workspace.problems",
        "workspace.readFile",
        "workspace.rename",
        "workspace.tree",
        "workspace.writeFile",
      ]
    `);
  });
});
