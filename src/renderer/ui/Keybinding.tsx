import { formatKeybinding, isMac } from '../app/commands';

/** A keybinding as key caps: `Ctrl` `Shift` `P`. */
export function Keybinding({ keys }: { keys: string }) {
  const label = formatKeybinding(keys, isMac);
  const parts = isMac ? [...label] : label.split('+');
  return (
    <span className="keybinding">
      {parts.map((p, i) => (
        <kbd key={i}>{p}</kbd>
      ))}
    </span>
  );
}
