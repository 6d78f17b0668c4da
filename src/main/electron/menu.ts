import { Menu, app, type MenuItemConstructorOptions } from 'electron';

/** The native menu; app commands are forwarded to the renderer's command registry by id. */
export function buildMenu(run: (command: string) => void): Menu {
  const isMac = process.platform === 'darwin';
  // The renderer owns keybindings; the menu only shows them (registerAccelerator: false), so a
  // chord never runs a command twice.
  const cmd = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => run(command),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        cmd('New Workspace…', 'workspace.new'),
        cmd('Open Folder…', 'workspace.openFolder', 'CmdOrCtrl+O'),
        cmd('Open Sample Workspace', 'workspace.openSample'),
        { type: 'separator' },
        cmd('Close Editor', 'editor.close', 'CmdOrCtrl+W'),
        cmd('Close Workspace', 'workspace.close'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        cmd('Command Palette…', 'workbench.action.showCommands', 'CmdOrCtrl+Shift+P'),
        cmd('Quick Open…', 'workbench.action.quickOpen', 'CmdOrCtrl+P'),
        { type: 'separator' },
        cmd('Explorer', 'view.explorer', 'CmdOrCtrl+Shift+E'),
        cmd('Problems', 'view.problems', 'CmdOrCtrl+Shift+M'),
        cmd('Toggle Side Bar', 'view.toggleSideBar', 'CmdOrCtrl+B'),
        cmd('Toggle Panel', 'view.togglePanel', 'CmdOrCtrl+J'),
        cmd('Toggle Theme', 'theme.toggle'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `BDP Studio ${app.getVersion()}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
