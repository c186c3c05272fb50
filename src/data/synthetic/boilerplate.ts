/**
 * Text every archetype shares: education lines, benefits, company intros,
 * companies and cities. Real JDs are full of it, and it is what a tokenizer's
 * stop-word list and a clustering's weighting have to see through.
 */
import type { Random } from '../../core/index.js';

export const CITIES = ['北京', '上海', '深圳', '杭州', '广州', '成都', '南京', '武汉', '西安', '苏州'] as const;

/** Salary multiplier per city: tier-1 cities pay more. */
export const CITY_PAY: Readonly<Record<string, number>> = {
  北京: 1.15,
  上海: 1.15,
  深圳: 1.1,
  杭州: 1.05,
  广州: 0.95,
  成都: 0.85,
  南京: 0.9,
  武汉: 0.85,
  西安: 0.8,
  苏州: 0.9,
};

export const DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  北京: ['海淀区中关村', '朝阳区望京', '海淀区西二旗'],
  上海: ['浦东新区张江', '徐汇区漕河泾', '杨浦区五角场'],
  深圳: ['南山区科技园', '福田区车公庙', '宝安区西乡'],
  杭州: ['余杭区未来科技城', '滨江区网商路', '西湖区文三路'],
  广州: ['天河区珠江新城', '海珠区琶洲', '黄埔区科学城'],
  成都: ['高新区天府软件园', '武侯区', '高新区天府三街'],
  南京: ['雨花台区软件谷', '江宁区', '建邺区河西'],
  武汉: ['东湖高新区光谷', '洪山区', '江汉区'],
  西安: ['高新区软件新城', '雁塔区', '高新区锦业路'],
  苏州: ['工业园区', '高新区', '相城区'],
};

const BRAND = [
  '云帆',
  '星河',
  '极光',
  '数擎',
  '深蓝',
  '青藤',
  '灵犀',
  '启明',
  '鲲鹏',
  '远航',
  '智弈',
  '衡岳',
  '澜舟',
  '涌泉',
  '锦程',
  '北辰',
  '驰骋',
  '微澜',
  '拓维',
  '朗新',
];
const SUFFIX = ['科技有限公司', '网络科技有限公司', '信息技术有限公司', '数据科技有限公司', '智能科技有限公司', '软件股份有限公司'];
const FIN_SUFFIX = ['投资管理有限公司', '私募基金管理有限公司', '证券股份有限公司', '期货有限公司', '资产管理有限公司'];

export function companyName(rng: Random, city: string, finance: boolean): string {
  return `${city}${rng.pick(BRAND)}${rng.pick(finance ? FIN_SUFFIX : SUFFIX)}`;
}

export const EDUCATION = [
  '统招本科及以上学历，计算机、软件工程等相关专业',
  '本科及以上学历，计算机相关专业优先',
  '全日制本科以上学历，3年以上相关工作经验',
  '大专及以上学历，有相关工作经验者可适当放宽',
  '硕士及以上学历优先，应届生亦可',
];

export const SOFT_SKILLS = [
  '具备良好的沟通能力和团队合作精神',
  '工作积极主动，责任心强，具备较强的学习能力',
  '有良好的沟通表达能力和抗压能力',
  '具备独立分析和解决问题的能力',
  '对技术有热情，乐于分享，有良好的编码习惯',
];

export const BENEFITS = [
  '五险一金',
  '双休',
  '带薪年假',
  '年终奖',
  '补充医疗保险',
  '免费三餐',
  '弹性工作',
  '定期体检',
  '节日福利',
  '股票期权',
  '餐补',
  '交通补贴',
  '团建旅游',
  '住房补贴',
  '14薪',
  '15薪',
  '下午茶',
  '免费班车',
];

export const COMPANY_INTROS = [
  '公司成立于2015年，是一家专注于企业数字化转型的高新技术企业，服务客户超过千家。',
  '我们是一支充满活力的技术团队，核心成员来自国内一线互联网公司，已完成C轮融资。',
  '公司是国家级高新技术企业和专精特新企业，拥有多项软件著作权与发明专利。',
  '公司总部位于一线城市，在全国设有多个研发中心，员工规模超过两千人。',
  '我们致力于用技术改变行业，产品已服务数千万用户，业务保持高速增长。',
];

/** A few distinct benefits, joined the way job sites show them. */
export function benefitList(rng: Random, count: number, separator: string): string {
  const chosen = pickDistinct(rng, BENEFITS, count);
  return chosen.join(separator);
}

/** `count` distinct items (fewer when the pool is smaller), in random order. */
export function pickDistinct<T>(rng: Random, pool: readonly T[], count: number): T[] {
  const idx = pool.map((_, i) => i);
  const k = Math.min(count, pool.length);
  // Partial Fisher–Yates: only the first k draws are needed.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(idx.length - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, k).map((i) => pool[i]);
}
