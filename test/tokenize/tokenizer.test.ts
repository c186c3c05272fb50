import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenizer,
  dropRepeatedSentences,
  isJunkToken,
  Tokenizer,
  TECH_TERMS,
  JD_BOILERPLATE_STOP_WORDS,
  type Segmenter,
} from '../../src/tokenize/index.js';
import { InputError, ParameterError } from '../../src/core/errors.js';

/** Most tests below were written with the JD boilerplate list on (the default until issue 13); they keep it. */
const BOILERPLATE = { stopWords: { boilerplate: true } } as const;

let tk: Tokenizer;
beforeAll(() => {
  tk = createTokenizer(BOILERPLATE);
});

describe('Tokenizer: mixed Chinese and English', () => {
  it('segments Chinese and keeps English words whole, in text order', () => {
    const tokens = tk.tokenize('使用Golang开发微服务，部署在Kubernetes上，监控用Prometheus');
    expect(tokens).toEqual(['go', '微服务', '部署', 'kubernetes', '监控', 'prometheus']);
  });

  it('keeps ASCII glued to Chinese apart from it', () => {
    expect(tk.tokenize('熟悉Redis缓存和Kafka消息队列')).toEqual(['redis', '缓存', 'kafka', '消息队列']);
  });

  it('keeps camel-case and digit-bearing tech words whole', () => {
    expect(tk.tokenize('熟悉ClickHouse、eBPF、K8s、PyTorch')).toEqual(['clickhouse', 'ebpf', 'kubernetes', 'pytorch']);
  });
});

describe('Tokenizer: dictionary terms', () => {
  it('keeps terms with spaces, dots, pluses, hashes and hyphens whole', () => {
    const tokens = tk.tokenize('精通C++、C#、Spring Boot、Node.js、go-zero、.NET和Objective-C');
    expect(tokens).toEqual(['c++', 'c#', 'spring-boot', 'node.js', 'go-zero', '.net', 'objective-c']);
  });

  it('matches protected terms case-insensitively and with any separator', () => {
    for (const variant of ['spring boot', 'SPRING BOOT', 'SpringBoot', 'spring-boot', 'Spring  Boot']) {
      expect(tk.tokenize(`熟悉${variant}框架`)).toEqual(['spring-boot', '框架']);
    }
  });

  it('needs a separator where the term has a hyphen, so CO-RE does not swallow core', () => {
    expect(tk.tokenize('eBPF CO-RE 与 .NET Core')).toEqual(['ebpf', 'co-re', '.net', 'core']);
    expect(tk.tokenize('go zero、go_zero、uniapp')).toEqual(['go-zero', 'go-zero', 'uni-app']);
  });

  it('prefers the longest protected term', () => {
    expect(tk.tokenize('Spring Cloud Alibaba和Spring Cloud')).toEqual(['spring-cloud-alibaba', 'spring-cloud']);
  });

  it('does not match a protected term inside a longer ASCII word', () => {
    expect(tk.tokenize('abcnode.js')).toEqual(['abcnode.js']);
  });

  it('keeps mixed-script terms (B端, A/B测试, CI/CD)', () => {
    expect(tk.tokenize('负责B端产品的A/B测试和CI/CD流程')).toEqual(['b端', '产品', 'a/b测试', 'ci/cd', '流程']);
  });

  it('adds Chinese terms to the segmenter so they stay whole', () => {
    expect(tk.tokenize('可观测性和云原生')).toEqual(['可观测性', '云原生']);
    const plain = createTokenizer({ dictionary: false, synonyms: false });
    expect(plain.tokenize('可观测性和云原生')).not.toContain('可观测性');
  });

  it('exempts one-letter dictionary terms from minLength but drops other single letters', () => {
    expect(tk.tokenize('熟悉C语言和R语言，x轴')).toEqual(['c', '语言', 'r', '语言']);
  });

  it('ships a dictionary with the terms the issue names', () => {
    for (const term of [
      'Go',
      'Gin',
      'Kratos',
      'go-zero',
      'gRPC',
      'Protobuf',
      'Kubernetes',
      'K8s',
      'Operator',
      'CRD',
      'eBPF',
      'XDP',
      'BTF',
      'Envoy',
      'Istio',
      'TiDB',
      'etcd',
      'Kafka',
      'ClickHouse',
      'Redis',
      'Triton',
      'KServe',
      'CUDA',
      'PyTorch',
      'Spring Boot',
      'Vue',
      'React',
    ]) {
      expect(TECH_TERMS).toContain(term);
    }
    expect(TECH_TERMS.length).toBeGreaterThan(400);
  });
});

describe('Tokenizer: user words', () => {
  it('keeps user words whole, from options and from addWord', () => {
    expect(tk.tokenize('参与Foo Bar和星链计划')).toEqual(['foo', 'bar', '星链', '计划']);
    const t = createTokenizer({ ...BOILERPLATE, userWords: ['Foo Bar', '星链计划'] });
    expect(t.tokenize('参与Foo Bar和星链计划')).toEqual(['foo-bar', '星链计划']);
    expect(t.tokenize('使用Acme Cloud平台')).toEqual(['acme', 'cloud', '平台']);
    t.addWord('Acme Cloud');
    expect(t.tokenize('使用acme cloud平台')).toEqual(['acme-cloud', '平台']);
  });

  it('shares the default jieba dictionary until a tokenizer adds a Chinese word', () => {
    const a = createTokenizer(BOILERPLATE);
    const b = createTokenizer(BOILERPLATE);
    expect(a.segmenter).toBe(b.segmenter);
    expect(a.tokenize('参与天枢计划')).toEqual(['天枢', '计划']);
    a.addWord('天枢计划');
    expect(a.segmenter).not.toBe(b.segmenter);
    expect(a.tokenize('参与天枢计划，负责云原生')).toEqual(['天枢计划', '云原生']);
    expect(b.tokenize('参与天枢计划，负责云原生')).toEqual(['天枢', '计划', '云原生']);
    expect(createTokenizer(BOILERPLATE).tokenize('参与天枢计划')).toEqual(['天枢', '计划']);
    // ASCII user words never touch the segmenter, so they do not copy it.
    b.addWord('Foo Bar');
    expect(b.segmenter).toBe(createTokenizer(BOILERPLATE).segmenter);
    expect(createTokenizer({ ...BOILERPLATE, hmm: false }).segmenter).not.toBe(b.segmenter);
  });

  it('builds a shared dictionary when it first cuts; a word added before then stays its own', () => {
    // Settings no other test uses, so that no dictionary for them exists yet.
    const options = { ...BOILERPLATE, hmm: false, dictionary: false };
    const a = createTokenizer(options);
    a.addWord('天枢计划');
    const b = createTokenizer(options);
    expect(a.tokenize('参与天枢计划')).toEqual(['天枢计划']);
    expect(b.tokenize('参与天枢计划')).toEqual(['天枢', '计划']);
    expect(a.segmenter).not.toBe(b.segmenter);
    expect(createTokenizer(options).segmenter).toBe(b.segmenter);
  });

  it('rejects empty user words', () => {
    expect(() => createTokenizer({ userWords: ['ok', ''] })).toThrow(/userWords\[1\]/);
    expect(() => tk.addWord('  ')).toThrow(ParameterError);
  });
});

describe('Tokenizer: case folding and synonyms', () => {
  it('case-folds English tokens', () => {
    expect(tk.tokenize('JAVA Java java')).toEqual(['java', 'java', 'java']);
    expect(createTokenizer({ ...BOILERPLATE, caseFold: false }).tokenize('熟悉Java和MySQL')).toEqual(['Java', 'MySQL']);
  });

  it('folds built-in synonyms', () => {
    expect(tk.tokenize('golang k8s js ts py')).toEqual(['go', 'kubernetes', 'javascript', 'typescript', 'python']);
    expect(tk.tokenize('前端开发和后台开发')).toEqual(['前端', '后端']);
    expect(tk.tokenize('Vue.js、ReactJS、NodeJS')).toEqual(['vue', 'react', 'node.js']);
  });

  it('folds full-width letters (NFKC) before matching', () => {
    expect(tk.tokenize('熟悉ＧＯＬＡＮＧ')).toEqual(['go']);
  });

  it('strips versions onto known terms only', () => {
    expect(tk.tokenize('vue3 python3.8 java8 html5 es6 md5')).toEqual(['vue', 'python', 'java', 'html5', 'es6', 'md5']);
    expect(createTokenizer({ stripVersions: false }).tokenize('vue3')).toEqual(['vue3']);
  });

  it('lets synonyms be added, removed or disabled', () => {
    const t = createTokenizer({ ...BOILERPLATE, synonyms: { add: { 'Spring Boot': 'spring', 服务器: '服务端' }, remove: ['golang'] } });
    expect(t.tokenize('golang Spring Boot 服务器')).toEqual(['golang', 'spring', '服务端']);
    expect(createTokenizer({ synonyms: false }).tokenize('golang k8s')).toEqual(['golang', 'k8s']);
    expect(createTokenizer({ synonyms: { builtin: false, add: { k8s: 'kube' } } }).tokenize('golang k8s')).toEqual(['golang', 'kube']);
  });
});

describe('Tokenizer: stop words, numbers and punctuation', () => {
  it('drops JD boilerplate and general stop words', () => {
    const tokens = tk.tokenize('岗位职责：负责后端开发，熟悉Redis者优先。任职要求：本科及以上学历，具有良好的沟通能力，能够承受工作压力');
    expect(tokens).toEqual(['后端', 'redis']);
    for (const w of ['负责', '熟悉', '优先', '相关', '以上学历', '良好的沟通能力', '岗位职责', '任职要求', '具有', '能够', '工作']) {
      expect(JD_BOILERPLATE_STOP_WORDS).toContain(w);
    }
  });

  it('drops numbers, salaries and punctuation', () => {
    expect(tk.tokenize('3年以上经验，月薪20k-30k，14薪！！ 2024年…（急）【】')).toEqual(['月薪']);
    expect(tk.tokenize('两年以上开发经验，十五天年假，三个项目')).toEqual([]);
    expect(createTokenizer({ keepNumbers: true }).tokenize('月薪 20k 2024年')).toEqual(['月薪', '20k', '2024']);
  });

  it('makes stop-word lists configurable', () => {
    const none = createTokenizer({ stopWords: false });
    expect(none.tokenize('负责后端开发')).toEqual(['负责', '后端', '开发']);
    const custom = createTokenizer({ stopWords: { boilerplate: true, add: ['Redis'], remove: ['负责'] } });
    expect(custom.tokenize('负责Redis和MySQL')).toEqual(['负责', 'mysql']);
    const generalOnly = createTokenizer({ stopWords: { boilerplate: false } });
    expect(generalOnly.tokenize('负责的后端')).toEqual(['负责', '后端']);
    expect(none.stopWords.size).toBe(0);
    expect(tk.stopWords.has('负责')).toBe(true);
  });

  it('drops HTML leftovers when the text was not cleaned', () => {
    expect(tk.tokenize('熟悉Go&nbsp;<br />开发')).toEqual(['go']);
  });
});

describe('Tokenizer: API', () => {
  it('tokenizeAll maps texts and names a bad entry', () => {
    expect(tk.tokenizeAll(['熟悉Go', '精通Java'])).toEqual([['go'], ['java']]);
    expect(() => tk.tokenizeAll(['ok', 3 as unknown as string])).toThrow(InputError);
    expect(() => tk.tokenizeAll(['ok', 3 as unknown as string])).toThrow(/texts\[1\]/);
    expect(() => tk.tokenize(null as unknown as string)).toThrow(ParameterError);
  });

  it('validates options', () => {
    expect(() => createTokenizer({ minLength: 0 })).toThrow(/minLength/);
    expect(() => createTokenizer({ segmenter: 'thulac' as 'jieba' })).toThrow(/segmenter/);
    expect(() => createTokenizer({ caseFold: 'yes' as unknown as boolean })).toThrow(/caseFold/);
  });

  it('accepts a custom segmenter and restores ASCII tokens at the placeholders', () => {
    // A naive segmenter: one token per character, placeholders included.
    const chars: Segmenter = { name: 'chars', cut: (t) => [...t], addWord: () => {} };
    const t = createTokenizer({ segmenter: chars, minLength: 1, stopWords: false });
    expect(t.tokenize('用Go写K8s')).toEqual(['用', 'go', '写', 'kubernetes']);
    // One that merges everything into one token still gets the ASCII tokens back in order.
    const lump: Segmenter = { name: 'lump', cut: (t) => [t], addWord: () => {} };
    expect(createTokenizer({ segmenter: lump, stopWords: false }).tokenize('用Go写K8s程序')).toEqual(['go', 'kubernetes', '程序']);
  });

  it('never emits tokens containing whitespace', () => {
    const tokens = tk.tokenize('Spring Boot\nReact Native\tTriton Inference Server 数据 仓库');
    for (const t of tokens) expect(t).not.toMatch(/\s/);
    expect(tokens).toContain('react-native');
    expect(tokens).toContain('triton');
  });
});

describe('Tokenizer: junk filter (issue 13)', () => {
  const t = createTokenizer();

  it('drops job codes and ids: up to 3 letters, 4+ digits, up to 2 letters', () => {
    expect(t.tokenize('资深Java工程师 J14901 h3126e MJ011059 b9034l')).toEqual(['资深', 'java', '工程师']);
    expect(t.tokenize('java a1b2c3d4e5f6 x7f3k9q2m1')).toEqual(['java']);
    // Not codes: fewer than 4 digits, or a dictionary term.
    expect(t.tokenize('k8s、ipv6、md5、x86、s3')).toEqual(['kubernetes', 'ipv6', 'md5', 'x86', 's3']);
  });

  it('drops pieces of web addresses that survive cleaning', () => {
    expect(t.tokenize('访问 www.example.com 或 jobs.example.cn 了解')).toEqual(['访问', '了解']);
  });

  it('counts a sentence repeated within one text once', () => {
    const spam = '这是一个很好的机会。'.repeat(30) + '熟悉Java。';
    expect(t.tokenize(spam).filter((x) => x === '机会')).toHaveLength(1);
    expect(t.tokenize(spam)).toContain('java');
    // Short pieces (below 6 characters) may repeat: 会Java appears twice.
    expect(t.tokenize('会Java；会Java；').filter((x) => x === 'java')).toHaveLength(2);
  });

  it('can be switched off, wholly or in part', () => {
    expect(createTokenizer({ junk: false }).tokenize('J14901 www.a.com')).toEqual(['j14901', 'www.a.com']);
    const codesOnly = createTokenizer({ junk: { repeatedSentences: false } });
    expect(codesOnly.tokenize('这是一个很好的机会。这是一个很好的机会。').filter((x) => x === '机会')).toHaveLength(2);
    expect(codesOnly.tokenize('J14901')).toEqual([]);
    expect(() => createTokenizer({ junk: 'yes' as unknown as boolean })).toThrow(/junk/);
  });

  it('exports the predicates it uses', () => {
    for (const code of ['j14901', 'h3126e', 'mj011059', 'b9034l']) expect(isJunkToken(code)).toBe(true);
    for (const term of ['java', 'vue3', 'ipv6', 'x86_64', 'kubernetes']) expect(isJunkToken(term)).toBe(false);
    expect(dropRepeatedSentences('一二三四五六。一二三四五六。七')).toBe('一二三四五六。七');
  });
});

describe('Tokenizer: boilerplate list is off by default (issue 13)', () => {
  it('keeps words the boilerplate list would drop, and drops them on request', () => {
    expect(createTokenizer().tokenize('负责招聘和薪酬')).toEqual(['负责', '招聘', '薪酬']);
    expect(createTokenizer({ stopWords: { boilerplate: true } }).tokenize('负责招聘和薪酬')).toEqual([]);
  });
});
