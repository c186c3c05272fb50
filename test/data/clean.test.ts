import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import fc from 'fast-check';
import { cleanPostingsAsync, cleanText, createCleaner, descriptionLength, generateJobs } from '../../src/data/index.js';
import { cleansApart } from '../../src/data/clean.js';

describe('cleanText: markup', () => {
  it('strips HTML tags, block tags separating lines', () => {
    expect(cleanText('<p>负责<strong>Go</strong>开发</p><p>熟悉K8s</p>')).toBe('负责 Go 开发 熟悉K8s');
    expect(cleanText('第一行<br />第二行<br/>第三行<BR>第四行', { keepLineBreaks: true })).toBe('第一行\n第二行\n第三行\n第四行');
    expect(cleanText('<!-- 注释 -->正文<ol><li>一</li><li>二</li></ol>', { keepLineBreaks: true })).toBe('正文\n一\n二');
  });

  it('leaves angle brackets that are not tags', () => {
    expect(cleanText('薪资<5k，延迟 < 10ms')).toBe('薪资<5k,延迟 < 10ms');
  });

  it('decodes named and numeric entities', () => {
    expect(cleanText('A&amp;B&nbsp;C &lt;tag&gt; &quot;q&quot; &#39;s&#39; 张&middot;三 &#20013;&#x6587;')).toBe(
      'A&B C <tag> "q" \'s\' 张·三 中文',
    );
    expect(cleanText('&unknown; &#xD800;')).toBe('&unknown; &#xD800;');
  });

  it("turns Excel's _x000d_ escapes into line breaks", () => {
    expect(cleanText('一_x000d_\n二_x000D_三', { keepLineBreaks: true })).toBe('一\n二\n三');
  });

  it('removes Markdown emphasis', () => {
    expect(cleanText('**熟悉** Kafka ***优先***')).toBe('熟悉 Kafka 优先');
  });
});

describe('cleanText: contact details', () => {
  it('removes Chinese mobile numbers in common spellings', () => {
    expect(cleanText('电话13812345678，或+86 139-1234-5678，或 8613712345678。')).toBe('电话 ,或 ,或 。');
  });

  it('removes landlines and hotlines but not other numbers', () => {
    expect(cleanText('座机 010-87654321 / 0755 2345678-123 / (021)61234567 / 400-820-8820')).toBe('座机 / / /');
    expect(cleanText('月薪15000-25000，团队20人，3-5年经验，2024-10-09')).toBe('月薪15000-25000,团队20人,3-5年经验,2024-10-09');
  });

  it('removes e-mail addresses', () => {
    expect(cleanText('简历投递：hr.team+jd@example.com.cn 谢谢')).toBe('简历投递: 谢谢');
  });

  it('removes WeChat ids after a label, not WeChat as a product', () => {
    expect(cleanText('加微信：abc_12345 面试')).toBe('加 面试');
    expect(cleanText('微信号 hello_world 咨询')).toBe('咨询');
    expect(cleanText('VX: jobs2024，wx13912345678')).toBe(',');
    expect(cleanText('熟悉微信小程序、微信支付，wxml/wxss')).toBe('熟悉微信小程序、微信支付,wxml/wxss');
    expect(cleanText('WeChat ID: hr_team，WeChat public account，Wechat development')).toBe(',WeChat public account,Wechat development');
  });

  it('removes QQ numbers after a label, not QQ as a product', () => {
    expect(cleanText('QQ：123456789，QQ群 87654321')).toBe(',');
    expect(cleanText('负责QQ音乐后台')).toBe('负责QQ音乐后台');
  });

  it('removes URLs', () => {
    expect(cleanText('官网：https://www.example.com/jobs?id=1&x=2 或 www.foo.cn/a 或 http://bar.io')).toBe('官网: 或 或');
  });

  it('applies contact rules to full-width text (after NFKC)', () => {
    expect(cleanText('电话：１３８１２３４５６７８')).toBe('电话:');
  });
});

describe('cleanText: normalisation and boilerplate', () => {
  it('folds full-width characters (NFKC)', () => {
    expect(cleanText('ＧＯ语言（Ｇｉｎ），１０年，Ｋ８ｓ')).toBe('GO语言(Gin),10年,K8s');
    expect(cleanText('ＧＯ', { nfkc: false })).toBe('ＧＯ');
  });

  it('collapses whitespace, including ideographic spaces and zero-width characters', () => {
    expect(cleanText('  负责\t\t开发\u3000\u3000测试\u200b  \n\n 上线 ')).toBe('负责 开发 测试 上线');
    expect(cleanText('a \n\n  b', { keepLineBreaks: true })).toBe('a\nb');
  });

  it('drops section headers and keeps their content', () => {
    expect(cleanText('岗位职责：负责开发\n任职要求：本科')).toBe('负责开发 本科');
    expect(cleanText('【岗位职责】\n1、写代码\n【任职资格】\n2、本科')).toBe('1、写代码 2、本科');
    expect(cleanText('一、工作内容\n开发\n二、岗位要求:\n熟悉Go\n(三)福利待遇\n双休')).toBe('开发 熟悉Go 双休');
    expect(cleanText('职位描述: 负责测试。加分项: 有开源贡献')).toBe('负责测试。 有开源贡献');
    expect(cleanText('Responsibilities:\nbuild things\nRequirements:\nGo')).toBe('build things Go');
  });

  it('drops full-width headers and labelled contacts even without NFKC', () => {
    expect(cleanText('一、岗位职责：写代码；（二）任职要求：本科，微信：abc_12345', { nfkc: false })).toBe('写代码； 本科，');
  });

  it('keeps header words that are part of a sentence', () => {
    expect(cleanText('熟悉岗位要求的技能，满足任职要求者优先')).toBe('熟悉岗位要求的技能,满足任职要求者优先');
    expect(cleanText('有工作内容相关经验')).toBe('有工作内容相关经验');
  });

  it('switches every step off on request', () => {
    const raw = '岗位职责：<b>联系</b> 13812345678 a@b.cn &amp; **x**';
    const none = createCleaner({
      html: false,
      entities: false,
      markdown: false,
      nfkc: false,
      phones: false,
      emails: false,
      wechat: false,
      qq: false,
      urls: false,
      boilerplate: false,
    });
    expect(none(raw)).toBe(raw);
    expect(cleanText(raw, { phones: false, boilerplate: false })).toBe('岗位职责: 联系 13812345678 & x');
  });

  it('cleans a realistic posting end to end', () => {
    const raw =
      '【岗位职责】_x000d_\n1、负责基于&nbsp;Kubernetes 的 Operator 开发；<br />2、参与 eBPF 可观测性建设。<br />' +
      '【任职要求】<br />1、熟悉 **Go**，了解ｇＲＰＣ；<br />简历请发 hr@corp.com 或加微信：corp_hr01，电话 021-61234567。';
    expect(cleanText(raw)).toBe(
      '1、负责基于 Kubernetes 的 Operator 开发; 2、参与 eBPF 可观测性建设。 1、熟悉 Go,了解gRPC; 简历请发 或加 ,电话 。',
    );
  });

  it('rejects unknown options and non-string input', () => {
    expect(() => cleanText('x', { html: 'yes' as never })).toThrow(ParameterError);
    expect(() => cleanText('x', { lowercase: true } as never)).toThrow(/options\.lowercase/);
    expect(() => cleanText(undefined as never)).toThrow(/text/);
  });
});

describe('cleansApart', () => {
  // Pieces that make a step's match run across the line break, or look across it.
  const pieces = [
    '<b>',
    '<',
    '>',
    '<!--',
    '-->',
    '<br/>',
    '[',
    ']',
    '【',
    '】',
    '［',
    '﹇',
    'job',
    'JOB',
    'ｊｏｂ',
    'description',
    'what you',
    'will do',
    'nice',
    'to',
    'have',
    ':',
    '：',
    ' ',
    '\t',
    '\n',
    '\u3000',
    '\u200b',
    '岗位职责',
    '职责',
    '1.',
    '一、',
    '(2)',
    '-',
    '#',
    '**',
    '&lt;',
    '&amp;',
    '&#60;',
    '_x000d_',
    '微信',
    'wx',
    'vx:',
    'abc123',
    'qq',
    '12345678',
    '13812345678',
    '010-',
    '86',
    '400',
    'www.',
    'a.com',
    'http://',
    '@',
    'b.cn',
    'Java',
    '开发',
    '。',
    '；',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''));

  it('holds: a title it accepts cleans apart from any description', () => {
    fc.assert(
      fc.property(text, text, (title, description) => {
        if (!cleansApart(title)) return;
        const t = cleanText(title);
        const d = cleanText(description);
        expect(cleanText(`${title}\n${description}`)).toBe(t && d ? `${t} ${d}` : t || d);
      }),
      { numRuns: 20000, seed: 16 },
    );
  });

  it('refuses the titles whose cleaning can cross the line break (the property above is not vacuous)', () => {
    // Each of these joins a title and a description differently from cleaning them apart.
    const crossing: [string, string][] = [
      ['产品 <b', 'x> 运营'],
      ['产品[job', 'requirements] 本科'],
      ['Senior job', 'description: build services'],
    ];
    for (const [title, description] of crossing) {
      const t = cleanText(title);
      const d = cleanText(description);
      expect(cleanText(`${title}\n${description}`)).not.toBe(t && d ? `${t} ${d}` : t || d);
      expect(cleansApart(title)).toBe(false);
    }
    expect(cleansApart('Java开发工程师（急招）')).toBe(true);
  });
});

describe('cleanPostingsAsync', () => {
  it('gives the cleaned posting texts and description lengths of cleanTextsAsync and descriptionLengthsAsync, for any thread count', async () => {
    const { jobs } = generateJobs({ n: 400, seed: 3 });
    const joined = jobs.map((job) => `${job.title}\n${job.description}`);
    const expectedTexts = joined.map((text) => cleanText(text));
    const expectedLengths = Array.from(jobs, (job) => descriptionLength(job));
    for (const threads of [1, 2]) {
      const { texts, descriptionLengths } = await cleanPostingsAsync(jobs, undefined, { threads });
      expect(texts).toEqual(expectedTexts);
      expect(Array.from(descriptionLengths)).toEqual(expectedLengths);
    }
    const raw = await cleanPostingsAsync(jobs, false, { threads: 2 });
    expect(raw.texts).toEqual(joined);
    const kept = await cleanPostingsAsync(jobs, { keepLineBreaks: true }, { threads: 2 });
    expect(kept.texts).toEqual(joined.map((text) => cleanText(text, { keepLineBreaks: true })));
  });

  it('names the posting and field that is not a string', async () => {
    const jobs = [
      { title: 'a', description: 'b' },
      { title: 'c', description: null as unknown as string },
    ];
    await expect(cleanPostingsAsync(jobs, undefined, { threads: 1 })).rejects.toThrow(/jobs\[1\]\.description is null/);
  });
});
