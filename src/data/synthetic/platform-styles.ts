/**
 * How each recruiting platform writes a JD. The same role reads very
 * differently on BOSS直聘 (a few terse lines), 猎聘 (long headhunter prose with
 * a client pitch), 脉脉 (a colleague's social post) or 51job (a formal form with
 * 职能类别 and 关键字), and later stages must cluster by role, not by style.
 */
import type { Random } from '../../core/index.js';
import type { Archetype } from './archetypes.js';
import { benefitList, COMPANY_INTROS } from './boilerplate.js';

/** Everything a style may mention about one posting. */
export interface PostingContent {
  readonly archetype: Archetype;
  readonly title: string;
  readonly company: string;
  readonly city: string;
  readonly district: string;
  readonly salaryMin: number;
  readonly salaryMax: number;
  readonly duties: readonly string[];
  readonly requirements: readonly string[];
  readonly bonus: readonly string[];
}

export interface PlatformStyle {
  /** Platform id as it appears in `JobPosting.platform` (same spelling as the shared corpus). */
  readonly platform: string;
  /** Chinese name of the site. */
  readonly site: string;
  /** How many duty / requirement sentences this style uses: [min, max]. */
  readonly duties: readonly [number, number];
  readonly requirements: readonly [number, number];
  /** Cut descriptions after this many characters, as the site's listing pages do. */
  readonly truncateAt?: number;
  render(content: PostingContent, rng: Random): string;
  /** How the site decorates job titles (BOSS: （双休）, 51job: -城市); identity when absent. */
  decorateTitle?(title: string, content: Omit<PostingContent, 'title'>, rng: Random): string;
}

const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function numbered(items: readonly string[], style: 'dot' | 'comma' | 'paren' | 'cn', end = '；'): string {
  return items
    .map((s, i) => {
      const mark =
        style === 'dot'
          ? `${i + 1}. `
          : style === 'comma'
            ? `${i + 1}、`
            : style === 'paren'
              ? `（${i + 1}）`
              : `${CN_DIGITS[i] ?? i + 1}、`;
      return `${mark}${s}${i === items.length - 1 ? '。' : end}`;
    })
    .join('\n');
}

function salaryText(c: PostingContent, rng: Random): string {
  const k = `${Math.round(c.salaryMin / 1000)}-${Math.round(c.salaryMax / 1000)}K`;
  return rng.next() < 0.4 ? `${k}·${rng.pick(['13', '14', '15', '16'])}薪` : k;
}

const boss: PlatformStyle = {
  platform: 'BOSS',
  site: 'BOSS直聘',
  duties: [2, 3],
  requirements: [2, 3],
  decorateTitle: (title, _c, rng) =>
    rng.next() < 0.3 ? `${title}（${rng.pick(['双休', '急招', '五险一金', '可远程', '不加班'])}）` : title,
  render(c, rng) {
    if (rng.next() < 0.4) {
      // The shortest form: one run-on paragraph.
      return `${c.duties.join('；')}。要求：${c.requirements.join('；')}。${rng.next() < 0.5 ? benefitList(rng, 3, ' ') : ''}`;
    }
    const head = rng.pick(['岗位职责：', '工作内容：', '【岗位职责】']);
    const req = rng.pick(['任职要求：', '岗位要求：', '【任职要求】']);
    return `${head}\n${numbered(c.duties, 'dot')}\n${req}\n${numbered(c.requirements, 'dot')}`;
  },
};

const liepin: PlatformStyle = {
  platform: 'LIEPIN',
  site: '猎聘',
  duties: [5, 7],
  requirements: [5, 7],
  decorateTitle: (title, c, rng) => (rng.next() < 0.3 ? `${title}（${c.city}）` : title),
  render(c, rng) {
    const employer = rng.pick(c.archetype.employers);
    const intro = rng.pick(COMPANY_INTROS);
    const lines = [
      rng.pick(['【猎头职位】', '【猎聘认证顾问推荐】', '【独家委托职位】']),
      `我们的客户是一家${employer}，因业务快速发展，现委托我司诚聘${c.title}（工作地点：${c.city}${c.district}）。`,
      '',
      '职位亮点：',
      `- 核心团队核心岗位，直接向技术负责人汇报，成长空间大；`,
      `- 薪资范围${salaryText(c, rng)}，${benefitList(rng, 3, '、')}，优秀者薪资可谈；`,
      `- ${rng.pick(['团队技术氛围浓厚，大牛云集', '业务处于高速增长期，上升通道清晰', '公司现金流充裕，平台稳定'])}。`,
      '',
      '工作职责：',
      numbered(c.duties, 'comma'),
      '',
      '任职资格：',
      numbered(c.requirements, 'comma'),
    ];
    if (c.bonus.length > 0) lines.push('', `加分项：${c.bonus.join('；')}。`);
    lines.push(
      '',
      `关于客户：${intro}客户在${c.archetype.name.replace(/（.*?）/g, '')}领域深耕多年，行业口碑良好，为员工提供有竞争力的薪酬与完善的培训体系。`,
      '',
      rng.pick([
        '顾问寄语：这是一个难得的机会，如果您正在考虑新的职业发展，欢迎投递简历或与顾问联系，我们将在24小时内回复，所有信息严格保密。',
        '本职位由猎聘认证顾问负责推荐，如您对职位感兴趣，欢迎直接投递，顾问会第一时间与您沟通细节，信息严格保密。',
      ]),
    );
    return lines.join('\n');
  },
};

const maimai: PlatformStyle = {
  platform: 'MAIMAI',
  site: '脉脉',
  duties: [2, 4],
  requirements: [2, 3],
  render(c, rng) {
    const brand = c.company.replace(/^(北京|上海|深圳|杭州|广州|成都|南京|武汉|西安|苏州)/, '').slice(0, 2);
    const bullet = rng.pick(['· ', '- ', '✅ ']);
    const lines = [
      `${rng.pick(['🔥', '📣', '✨'])}${brand}${rng.pick(['招人啦', '内推', '急招', '团队扩招'])}！${c.title}｜${c.city}｜${salaryText(c, rng)}`,
      rng.pick([
        '哈喽朋友们～我们团队正在扩张，业务发展很快，氛围超好，想找志同道合的小伙伴一起搞事情！',
        '帮朋友的团队发个内推，老板人很nice，技术氛围浓厚，不卷加班，真心推荐～',
        '又来招人啦！我们组最近HC充足，大牛带飞，欢迎来聊聊～',
      ]),
      `👉 你会做：`,
      ...c.duties.map((d) => bullet + d),
      `👉 希望你：`,
      ...c.requirements.map((r) => bullet + r),
      `🎁 我们能给：${benefitList(rng, 4, ' / ')}`,
      rng.pick([
        '感兴趣的小伙伴直接私信我，或者帮忙转发给身边合适的朋友，内推成功有奖励～',
        '欢迎私信聊聊，简历直达业务负责人，流程很快！',
        '有意向的朋友评论区扣1或直接私信，看到必回～',
      ]),
    ];
    return lines.join('\n');
  },
};

const lagou: PlatformStyle = {
  platform: 'LAGOU',
  site: '拉勾',
  duties: [4, 5],
  requirements: [4, 5],
  render(c, rng) {
    const lines = ['岗位职责：', numbered(c.duties, 'comma'), '任职要求：', numbered(c.requirements, 'comma')];
    if (c.bonus.length > 0) lines.push('加分项：', numbered(c.bonus, 'comma'));
    lines.push(`职位福利：${benefitList(rng, 4, '、')}`);
    return lines.join('\n');
  },
};

const zhilian: PlatformStyle = {
  platform: 'ZHILIAN',
  site: '智联招聘',
  duties: [3, 5],
  requirements: [3, 5],
  // Listing pages of the shared corpus cut 智联 descriptions at 203 characters.
  truncateAt: 203,
  render(c, rng) {
    return `职位描述：\n岗位职责：\n${numbered(c.duties, rng.next() < 0.5 ? 'paren' : 'dot')}\n任职资格：\n${numbered(c.requirements, 'dot')}`;
  },
};

const job51: PlatformStyle = {
  platform: '51JOB',
  site: '前程无忧',
  duties: [3, 5],
  requirements: [3, 5],
  decorateTitle: (title, c, rng) => (rng.next() < 0.2 ? `${title}-${c.city}` : title),
  render(c, rng) {
    const skills = c.archetype.skills.slice(0, 4 + rng.int(3)).join(' ');
    return [
      '岗位职责：',
      numbered(c.duties, 'cn'),
      '任职资格：',
      numbered(c.requirements, 'cn'),
      `职能类别：${c.archetype.category}`,
      `关键字：${skills}`,
      `上班地址：${c.city}市${c.district}`,
    ].join('\n');
  },
};

/** The built-in styles, keyed by platform id. */
export const PLATFORM_STYLES: Readonly<Record<string, PlatformStyle>> = {
  BOSS: boss,
  LIEPIN: liepin,
  MAIMAI: maimai,
  LAGOU: lagou,
  ZHILIAN: zhilian,
  '51JOB': job51,
};

export const SYNTHETIC_PLATFORMS: readonly string[] = Object.keys(PLATFORM_STYLES);
