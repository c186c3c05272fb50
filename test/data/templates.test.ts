import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { findTemplates, findTemplatesAsync, generateJobs, templateTitle, type JobPosting } from '../../src/data/index.js';

let next = 0;
function posting(
  company: string | undefined,
  title: string,
  description: string,
  salary: [number, number] = [10000, 20000],
  platform = '51JOB',
): JobPosting {
  next++;
  return { id: `T_${next}`, platform, title, description, company, salaryMin: salary[0], salaryMax: salary[1], raw: {} };
}

// Three paraphrases of one ad: the same layout, reworded lines.
const paraphrases = [
  '工作内容：\n- 负责公司系统的开发、维护和升级工作；\n- 参与需求分析、设计、编码和测试；\n- 使用Spring Boot和MyBatis进行快速开发。\n任职要求：\n- 本科及以上学历，熟悉Java编程；\n- 良好的沟通能力和团队协作精神。',
  '工作内容：\n- 负责公司业务系统的开发与维护；\n- 参与系统的需求分析、编码、测试和上线工作；\n- 基于Spring Boot、MyBatis框架完成功能开发。\n任职要求：\n- 计算机相关专业本科学历，熟悉Java语言；\n- 具备良好的沟通能力，有团队合作精神。',
  '工作内容：\n- 承担公司软件系统的开发和升级；\n- 参与需求分析与设计，完成编码和测试；\n- 使用Spring Boot等框架进行开发。\n任职要求：\n- 本科学历，扎实的Java编程基础；\n- 沟通能力强，能与团队高效协作。',
];
const unrelated =
  '我们是一家快速发展的互联网公司，正在寻找对技术有热情的工程师加入。你将和产品、设计同学一起打磨用户体验，公司提供弹性工作和年度旅游，欢迎投递简历，期待你的加入。';

describe('findTemplates', () => {
  it("groups one employer's paraphrased ads across spellings of its name", () => {
    const jobs = [
      posting('西安智城电子有限公司', 'Java开发工程师', paraphrases[0]),
      posting('智城电子', '高级Java开发工程师', paraphrases[1]),
      posting('西安智城电子', 'Java开发工程师（急招）', paraphrases[2], undefined, 'BOSS'),
      posting('西安智城电子有限公司', 'Java开发工程师', paraphrases[1], [12000, 20000]), // another salary
      posting('别的公司', 'Java开发工程师', paraphrases[2]), // another employer
      posting('西安智城电子有限公司', '销售经理', paraphrases[0]), // another role
      posting('西安智城电子有限公司', 'Java开发工程师', unrelated), // another layout and text
      posting(undefined, 'Java开发工程师', paraphrases[0]),
    ];
    const report = findTemplates(jobs);
    expect(report.groups).toHaveLength(1);
    const [group] = report.groups;
    expect(group.members).toEqual([0, 1, 2]);
    expect(group.ids).toEqual(jobs.slice(0, 3).map((j) => j.id));
    expect(group.company).toBe('智城');
    expect(group.companies).toBe(1);
    expect(group.platforms).toEqual(['51JOB', 'BOSS']);
    expect(group.crossPlatform).toBe(true);
    expect(group.exact).toBe(false);
    expect(report.templateCount).toBe(2);
    expect(report.withoutCompany).toBe(1);
    expect(Array.from(report.groupOf)).toEqual([0, 0, 0, -1, -1, -1, -1, -1]);
  });

  it('groups exact copies and title-only postings of one employer with one title', () => {
    const jobs = [
      posting('华为技术有限公司', 'Java', ''),
      posting('华为', 'Java', '无'),
      posting('华为', 'Java', paraphrases[0]),
      posting('华为', 'Java', paraphrases[0]),
    ];
    const report = findTemplates(jobs);
    expect(report.groups.map((g) => g.members)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(report.groups[1].exact).toBe(true);
  });

  it('can compare across companies to look for shell companies', () => {
    const jobs = [posting('甲电子有限公司', 'Java开发工程师', paraphrases[0]), posting('乙电子有限公司', 'Java开发工程师', paraphrases[1])];
    expect(findTemplates(jobs).groups).toHaveLength(0);
    const across = findTemplates(jobs, { sameCompany: false });
    expect(across.groups).toHaveLength(1);
    expect(across.groups[0].companies).toBe(2);
  });

  it('names a bad option', () => {
    expect(() => findTemplates([], { textThreshold: 2 })).toThrow(ParameterError);
    expect(() => findTemplates([], { textThreshold: 2 })).toThrow(/textThreshold/);
    expect(() => findTemplates('x' as never)).toThrow(/jobs/);
  });

  it('normalises titles for comparison', () => {
    expect(templateTitle('高级Java开发工程师（急招）')).toBe('java开发工程师');
    expect(templateTitle('【北京】资深 Golang 工程师')).toBe('golang工程师');
  });
});

describe('findTemplatesAsync', () => {
  const { jobs } = generateJobs({ n: 3000, seed: 7 });
  const plain = (report: ReturnType<typeof findTemplates>) => ({ ...report, groupOf: Array.from(report.groupOf) });

  it('finds groups in this input, exact copies and paraphrases (the comparison below is not vacuous)', () => {
    const report = findTemplates(jobs);
    expect(report.groups.length).toBeGreaterThan(50);
    expect(report.groups.some((g) => g.exact)).toBe(true);
    expect(report.groups.some((g) => !g.exact)).toBe(true);
  });

  it('gives the report of findTemplates for any thread count and options', async () => {
    for (const options of [{}, { sameSalary: false, textThreshold: 0.2 }]) {
      const expected = plain(findTemplates(jobs, options));
      for (const threads of [1, 2, 3]) expect(plain(await findTemplatesAsync(jobs, options, { threads }))).toEqual(expected);
    }
  });

  it('rejects a bad option by name before any worker starts', async () => {
    await expect(findTemplatesAsync(jobs, { structureThreshold: -1 }, { threads: 2 })).rejects.toThrow(/structureThreshold/);
    await expect(findTemplatesAsync('x' as never)).rejects.toThrow(ParameterError);
  });
});
