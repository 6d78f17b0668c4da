export { ScriptParamsBar } from './ScriptParamsBar';
export { SCRIPT_PANELS, ScriptPanelBadge, ScriptRunPanel, isScriptPanel } from './ScriptRunPanel';
export { ScriptRunStatusItem } from './ScriptRunStatusItem';
export { ScriptToolbar } from './ScriptToolbar';
export { attachScriptRun } from './monaco-run-integration';
export { registerScriptRunCommands } from './script-run-commands';
