import type { languages } from 'monaco-editor/editor/editor.api';

/** HiveQL on top of ANSI SQL: DDL/DML words Hive adds, `SET hive.*`, `${env.X}` / `${hivevar:x}` substitutions. */
export const HQL_KEYWORDS = [
  'add', 'after', 'all', 'alter', 'analyze', 'and', 'archive', 'array', 'as', 'asc', 'before', 'between', 'bucket', 'buckets', 'by',
  'cascade', 'case', 'cast', 'change', 'cluster', 'clustered', 'collection', 'column', 'columns', 'comment', 'compute', 'create', 'cross',
  'cube', 'data', 'database', 'databases', 'dbproperties', 'delimited', 'desc', 'describe', 'directory', 'distinct', 'distribute', 'drop',
  'else', 'end', 'escaped', 'exchange', 'exists', 'explain', 'export', 'extended', 'external', 'fields', 'fileformat', 'first', 'following',
  'for', 'format', 'formatted', 'from', 'full', 'function', 'functions', 'grant', 'group', 'grouping', 'having', 'if', 'import', 'in',
  'inpath', 'inputformat', 'insert', 'intersect', 'into', 'is', 'items', 'join', 'keys', 'lateral', 'left', 'like', 'limit', 'lines',
  'load', 'local', 'location', 'lock', 'macro', 'map', 'minus', 'msck', 'not', 'null', 'nulls', 'of', 'on', 'or', 'order', 'out', 'outer',
  'outputformat', 'over', 'overwrite', 'partition', 'partitioned', 'partitions', 'percent', 'preceding', 'purge', 'range', 'recover',
  'reduce', 'rename', 'repair', 'replace', 'right', 'rollup', 'row', 'rows', 'schema', 'select', 'semi', 'serde', 'serdeproperties', 'set',
  'sets', 'show', 'skewed', 'sort', 'sorted', 'stored', 'statistics', 'table', 'tables', 'tablesample', 'tblproperties', 'temporary',
  'terminated', 'then', 'to', 'transform', 'truncate', 'unbounded', 'union', 'uniontype', 'unlock', 'update', 'use', 'using', 'values',
  'view', 'when', 'where', 'window', 'with',
];

export const HQL_TYPES = [
  'bigint', 'binary', 'boolean', 'char', 'date', 'decimal', 'double', 'float', 'int', 'integer', 'smallint', 'string', 'struct', 'timestamp',
  'tinyint', 'varchar', 'textfile', 'sequencefile', 'orc', 'parquet', 'avro', 'rcfile', 'jsonfile',
];

export const HQL_FUNCTIONS = [
  'abs', 'array_contains', 'avg', 'ceil', 'coalesce', 'collect_list', 'collect_set', 'concat', 'concat_ws', 'count', 'current_date',
  'current_timestamp', 'date_add', 'date_format', 'date_sub', 'datediff', 'dense_rank', 'explode', 'first_value', 'floor', 'from_unixtime',
  'get_json_object', 'greatest', 'if', 'inline', 'instr', 'isnotnull', 'isnull', 'json_tuple', 'lag', 'last_value', 'lead', 'least',
  'length', 'lower', 'lpad', 'ltrim', 'max', 'min', 'ntile', 'nvl', 'parse_url_tuple', 'percentile', 'posexplode', 'rank', 'regexp_extract',
  'regexp_replace', 'round', 'row_number', 'rpad', 'rtrim', 'size', 'sort_array', 'split', 'stack', 'str_to_map', 'substr', 'substring',
  'sum', 'to_date', 'trim', 'unix_timestamp', 'upper', 'variance',
];

/** `${env.DB}`, `${cal_dt}`, `${hivevar:x}`, `${hiveconf:y}`. */
export const HQL_VARIABLE = /\$\{[^{}\s]+\}/;

export const hqlConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: '`', close: '`', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: "'", close: "'" },
    { open: '"', close: '"' },
    { open: '`', close: '`' },
  ],
};

export const hqlLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  ignoreCase: true,
  tokenPostfix: '.hql',
  keywords: HQL_KEYWORDS,
  typeKeywords: HQL_TYPES,
  builtinFunctions: HQL_FUNCTIONS,
  operators: ['and', 'or', 'not', 'in', 'is', 'like', 'rlike', 'regexp', 'between', 'div'],
  tokenizer: {
    root: [
      [/\/\*/, 'comment', '@comment'],
      [/--.*$/, 'comment'],
      // `SET hive.exec.dynamic.partition.mode=nonstrict;`: the property name is one token.
      [/(set)(\s+)([\w.-]+)/, ['keyword', 'white', 'variable.predefined']],
      [HQL_VARIABLE, 'variable'],
      [/'/, 'string', '@stringSingle'],
      [/"/, 'string', '@stringDouble'],
      [/`/, 'identifier.quote', '@backtick'],
      [/\d+(\.\d+)?([eE][-+]?\d+)?[lLsSyYbB]?(bd|BD)?/, 'number'],
      [/[;,.]/, 'delimiter'],
      [/[()[\]]/, '@brackets'],
      [/[<>=!%&+\-*/|~^]+/, 'operator'],
      [
        /[A-Za-z_][\w]*/,
        {
          cases: {
            '@operators': 'operator',
            '@keywords': 'keyword',
            '@typeKeywords': 'type',
            '@builtinFunctions': 'predefined',
            '@default': 'identifier',
          },
        },
      ],
      [/\s+/, 'white'],
    ],
    comment: [
      [/[^*/]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[*/]/, 'comment'],
    ],
    stringSingle: [
      [HQL_VARIABLE, 'variable'],
      [/[^'\\$]+/, 'string'],
      [/\\./, 'string.escape'],
      [/'/, 'string', '@pop'],
      [/./, 'string'],
    ],
    stringDouble: [
      [HQL_VARIABLE, 'variable'],
      [/[^"\\$]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
      [/./, 'string'],
    ],
    backtick: [
      [/[^`]+/, 'identifier.quote'],
      [/`/, 'identifier.quote', '@pop'],
    ],
  },
};
