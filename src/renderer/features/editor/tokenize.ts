/** A run of text with a token class, for the read-only view's light syntax tinting. */
export interface Token {
  text: string;
  kind: 'plain' | 'comment' | 'string' | 'key' | 'variable' | 'keyword' | 'number';
}

export type Language = 'yaml' | 'python' | 'shell' | 'sql' | 'plain';

export function languageOf(path: string): Language {
  const p = path.toLowerCase();
  if (p.endsWith('.yaml') || p.endsWith('.yml')) return 'yaml';
  if (p.endsWith('.py')) return 'python';
  if (p.endsWith('.sh') || p.endsWith('.bash')) return 'shell';
  if (p.endsWith('.sql') || p.endsWith('.hql')) return 'sql';
  return 'plain';
}

const KEYWORDS: Record<Language, RegExp | null> = {
  yaml: /^(true|false|null|~)$/,
  python:
    /^(def|return|if|elif|else|for|while|in|not|and|or|import|from|as|class|with|try|except|finally|raise|pass|None|True|False|lambda|yield|is|break|continue|global)$/,
  shell: /^(if|then|else|elif|fi|for|do|done|while|case|esac|function|export|local|set|echo|exit|return|in)$/,
  sql: /^(select|from|where|group|by|order|having|insert|into|overwrite|table|partition|values|create|external|drop|alter|join|left|right|inner|outer|on|as|and|or|not|null|is|in|case|when|then|else|end|with|union|all|distinct|limit|sum|count|avg|min|max|cast|if|exists|set|use|stored|location|row|format)$/i,
  plain: null,
};

const LINE_COMMENT: Record<Language, string | null> = {
  yaml: '#',
  python: '#',
  shell: '#',
  sql: '--',
  plain: null,
};

/**
 * Splits one line into tokens: comments, quoted strings, `${variables}` (EnOS system variables
 * and parameters), YAML keys, keywords and numbers. Line-local on purpose: it is a tint for a
 * read-only view, not a parser; multi-line strings are not tracked.
 */
export function tokenizeLine(line: string, language: Language): Token[] {
  if (language === 'plain' || line.length > 2000) return [{ text: line, kind: 'plain' }];
  const tokens: Token[] = [];
  const push = (text: string, kind: Token['kind']) => {
    if (!text) return;
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ text, kind });
  };
  let i = 0;
  if (language === 'yaml') {
    const m = /^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')(\s*:)(?=\s|$)/.exec(line);
    if (m) {
      push(m[1], 'plain');
      push(m[2], 'key');
      push(m[3], 'plain');
      i = m[0].length;
    }
  }
  const comment = LINE_COMMENT[language];
  const keywords = KEYWORDS[language];
  while (i < line.length) {
    const ch = line[i];
    const rest = line.slice(i);
    if (comment && rest.startsWith(comment) && (i === 0 || /\s/.test(line[i - 1]) || language === 'sql')) {
      push(rest, 'comment');
      break;
    }
    if (rest.startsWith('${')) {
      const end = line.indexOf('}', i);
      if (end > i) {
        push(line.slice(i, end + 1), 'variable');
        i = end + 1;
        continue;
      }
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = ch;
      while (j < line.length && line[j] !== ch) {
        if (line[j] === '\\' && language !== 'yaml' && j + 1 < line.length) {
          text += line[j] + line[j + 1];
          j += 2;
          continue;
        }
        if (line.startsWith('${', j)) {
          const end = line.indexOf('}', j);
          if (end > j) {
            push(text, 'string');
            push(line.slice(j, end + 1), 'variable');
            text = '';
            j = end + 1;
            continue;
          }
        }
        text += line[j++];
      }
      if (j < line.length) text += line[j++];
      push(text, 'string');
      i = j;
      continue;
    }
    const word = /^[A-Za-z_][\w]*/.exec(rest);
    if (word) {
      push(word[0], keywords?.test(word[0]) ? 'keyword' : 'plain');
      i += word[0].length;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(rest);
    if (num && (i === 0 || !/[\w.]/.test(line[i - 1]))) {
      push(num[0], 'number');
      i += num[0].length;
      continue;
    }
    push(ch, 'plain');
    i++;
  }
  return tokens.length ? tokens : [{ text: '', kind: 'plain' }];
}
