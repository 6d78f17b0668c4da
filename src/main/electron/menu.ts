import { Menu, app, type MenuItemConstructorOptions } from 'electron';

/** The native menu; app commands are forwarded to the renderer's command registry by id. */
export function buildMenu(run: (command: string) => void): Menu {
  const isMac = process.platform === 'darwin';
  const cmd = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
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
        cmd('Save', 'editor.save', 'CmdOrCtrl+S'),
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
        cmd('Command Palette…', 'workbench.commandPalette', 'CmdOrCtrl+Shift+P'),
        cmd('Quick Open…', 'workbench.quickOpen', 'CmdOrCtrl+P'),
        { type: 'separator' },
        cmd('Explorer', 'workbench.showExplorer', 'CmdOrCtrl+Shift+E'),
        cmd('Problems', 'workbench.showProblems', 'CmdOrCtrl+Shift+M'),
        cmd('Toggle Side Bar', 'workbench.toggleSideBar', 'CmdOrCtrl+B'),
        cmd('Toggle Panel', 'workbench.togglePanel', 'CmdOrCtrl+J'),
        cmd('Toggle Theme', 'workbench.toggleTheme'),
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
