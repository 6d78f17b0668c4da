/** Text with the fuzzy-matched characters emphasised. */
export function Highlighted({
  text,
  indexes,
  offset = 0,
}: {
  text: string;
  indexes: readonly number[];
  offset?: number;
}) {
  if (indexes.length === 0) return <>{text}</>;
  const marks = new Set(indexes.map((i) => i - offset));
  const parts: { text: string; hit: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const hit = marks.has(i);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text[i];
    else parts.push({ text: text[i], hit });
  }
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="hl">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
