/**
 * Which extension id and which install address `npm run policy -- export`
 * writes, and the lines that say so (on standard error, so that a redirected
 * export stays clean):
 *
 *   1. --package PATH: the package descriptor `npm run package` wrote;
 *   2. --extension-id / --update-url / --install-url: given by hand (a Chrome
 *      Web Store listing, or a package made elsewhere);
 *   3. otherwise the descriptor in .output/package/ when it exists (unless --no-package);
 *   4. otherwise Promptvakt's fixed test id and the store addresses, with a
 *      warning: Promptvakt is published in neither store, so that force-install
 *      entry installs nothing.
 */
import { relative } from 'node:path';
import { CHROME_EXTENSION_ID, GECKO_EXTENSION_ID } from '../lib/extension-id';
import { DEFAULT_PACKAGE_DESCRIPTOR, readPackageDescriptor } from './package-descriptor';
import { CHROME_WEB_STORE_UPDATE_URL, DEFAULT_FIREFOX_INSTALL_URL, type ExportTarget } from './policy-export';

export interface InstallSourceArgs {
  target: ExportTarget;
  /** --package, resolved. */
  packagePath?: string;
  /** As written on the command line, for messages. */
  packageArg?: string;
  noPackage: boolean;
  extensionId?: string;
  updateUrl?: string;
  installUrl?: string;
  /** false with --no-install. */
  install: boolean;
  /** The descriptor looked for when no option says otherwise (tests point it elsewhere). */
  defaultPackage?: string;
}

export type InstallSource =
  | { ok: true; extensionId: string; updateUrl?: string; installUrl?: string; notes: string[] }
  | { ok: false; error: string };

const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
};

export function resolveInstallSource(args: InstallSourceArgs): InstallSource {
  const firefox = args.target === 'firefox-policies';
  const manual = args.extensionId !== undefined || args.updateUrl !== undefined || args.installUrl !== undefined;
  const fallback = args.defaultPackage ?? DEFAULT_PACKAGE_DESCRIPTOR;
  const path = args.packagePath ?? (manual || args.noPackage ? undefined : fallback);

  if (path) {
    const read = readPackageDescriptor(path);
    const name = args.packagePath ? (args.packageArg ?? path) : shown(path);
    if (!read.ok && !(read.missing && !args.packagePath))
      return { ok: false, error: `${args.packagePath ? '--package ' : ''}${name}: ${read.error}${args.packagePath ? '' : ' (run npm run package again, or export with --no-package)'}` };
    if (read.ok) {
      const d = read.descriptor;
      const from = `the package ${name} (Promptvakt ${d.version})`;
      if (!firefox) {
        const notes = [`Using ${from}: extension id ${d.extensionId}${args.install ? `, installed from ${d.updateUrl}` : ''}.`];
        return { ok: true, extensionId: d.extensionId, updateUrl: d.updateUrl, notes };
      }
      const notes = [`Using ${from}: add-on id ${d.geckoId}${args.install ? `, installed from ${d.installUrl}` : ''}.`];
      if (args.install && !d.xpiSigned)
        notes.push(
          `Warning: ${d.xpi} in the package is not signed by Mozilla. Firefox and Firefox ESR install only signed add-ons, unless ` +
            'xpinstall.signatures.required is false (ESR, Developer Edition and Nightly only). Have it signed and run ' +
            '`npm run package -- --signed-xpi FILE` (docs/ADMIN.md, "Deploy from your own server").',
        );
      return { ok: true, extensionId: d.geckoId, installUrl: d.installUrl, notes };
    }
  }

  const noPackage = args.noPackage ? 'no package (--no-package)' : `no package (${shown(fallback)} does not exist)`;
  if (firefox) {
    const extensionId = args.extensionId ?? GECKO_EXTENSION_ID;
    const installUrl = args.installUrl ?? DEFAULT_FIREFOX_INSTALL_URL;
    const notes = [`Add-on id ${extensionId}${args.extensionId ? ' (--extension-id)' : " (Promptvakt's own)"}${args.install ? `, installed from ${installUrl}${args.installUrl ? ' (--install-url)' : ''}` : ''}.`];
    if (args.install && !args.installUrl)
      notes.push(
        `Warning: ${manual ? 'no --install-url' : `${noPackage} and no --install-url`}: install_url is addons.mozilla.org's address, where Promptvakt is not published, so ` +
          'Firefox installs nothing. Run `npm run package -- --base-url https://…` first (docs/ADMIN.md), or give --install-url.',
      );
    return { ok: true, extensionId, installUrl, notes };
  }
  const extensionId = args.extensionId ?? CHROME_EXTENSION_ID;
  const updateUrl = args.updateUrl ?? CHROME_WEB_STORE_UPDATE_URL;
  const notes = [
    `Extension id ${extensionId}${args.extensionId ? ' (--extension-id)' : ", Promptvakt's fixed test id"}` +
      `${args.install ? `, installed from ${args.updateUrl ? `${updateUrl} (--update-url)` : `the Chrome Web Store (${updateUrl})`}` : ''}.`,
  ];
  if (!args.extensionId) {
    const why = manual ? '--update-url without --extension-id' : `${noPackage} and no --extension-id`;
    const warning = [`Warning: ${why}: ${CHROME_EXTENSION_ID} is the id of builds loaded unpacked from this repository.`];
    if (args.install && !args.updateUrl) warning.push('Promptvakt is not in the Chrome Web Store, so this force-install entry installs nothing.');
    if (args.install && args.updateUrl) warning.push('A package you host has its own id, from its key.');
    warning.push('To deploy, run `npm run package -- --base-url https://…` and export again (docs/ADMIN.md, "Deploy from your own server"), or give --extension-id.');
    notes.push(warning.join(' '));
  }
  return { ok: true, extensionId, updateUrl, notes };
}
