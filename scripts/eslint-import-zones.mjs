// A local ESLint rule: import boundaries between folders, on resolved paths (a pattern on the
// import text cannot tell `services/runner/x` from `runner/x`). Each zone names the files it
// applies to, the folders they may not import from, and exceptions; type-only imports can be
// allowed per zone.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** A glob with `**` (any folders) and `*` (within one segment) as a RegExp over repo-relative paths. */
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const matchesAny = (globs, file) => (globs ?? []).some((g) => globToRegExp(g).test(file));

const rule = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: {
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                target: { type: 'array', items: { type: 'string' } },
                exceptTarget: { type: 'array', items: { type: 'string' } },
                from: { type: 'array', items: { type: 'string' } },
                allow: { type: 'array', items: { type: 'string' } },
                allowTypeImports: { type: 'boolean' },
                message: { type: 'string' },
              },
              required: ['target', 'from', 'message'],
            },
          },
        },
      },
    ],
  },
  create(context) {
    const zones = context.options[0]?.zones ?? [];
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const active = zones.filter((z) => matchesAny(z.target, file) && !matchesAny(z.exceptTarget, file));
    if (active.length === 0) return {};
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(ROOT, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      for (const z of active) {
        if (typeOnly && z.allowTypeImports) continue;
        const hit = z.from.some((g) => globToRegExp(g).test(target) || globToRegExp(g).test(`${target}.ts`));
        if (hit && !matchesAny(z.allow, target) && !matchesAny(z.allow, `${target}.ts`)) {
          context.report({ node, message: `${source}: ${z.message}` });
          return;
        }
      }
    };
    return {
      ImportDeclaration: (n) =>
        check(
          n,
          n.source.value,
          n.importKind === 'type' ||
            (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === 'type')),
        ),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value, false),
    };
  },
};

/**
 * Renderer features meet only through their public face: a file outside `features/<name>/` imports
 * `features/<name>` (its index.ts), never a module inside it; a file inside a feature imports its
 * own modules directly, never its own index (that would be a cycle through the index).
 */
const featureIndexRule = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { features: { type: 'string' } }, required: ['features'] }],
  },
  create(context) {
    const root = context.options[0].features.replace(/\/$/, '');
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const featureOf = (p) => (p.startsWith(`${root}/`) ? p.slice(root.length + 1).split('/')[0] : null);
    const own = featureOf(file);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(ROOT, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/')
        .replace(/\.(ts|tsx)$/, '');
      const feature = featureOf(target);
      if (!feature) return;
      const isIndex = target === `${root}/${feature}` || target === `${root}/${feature}/index`;
      if (feature === own && isIndex) {
        context.report({
          node,
          message: `${source}: inside ${feature}, import its modules, not its own index`,
        });
      } else if (feature !== own && !isIndex) {
        context.report({ node, message: `${source}: import the ${feature} feature only through its index` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};

export default { rules: { 'import-zones': rule, 'feature-index': featureIndexRule } };
