/**
 * Stop words: a maintained general Chinese list (`stopwords-iso`), the
 * boilerplate every JD repeats whatever the role (负责, 熟悉, 优先 …) and a
 * short English list. The boilerplate list matters most for clustering: these
 * words are frequent in every archetype and would otherwise pull postings
 * together by writing habit instead of by role.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let generalChinese: readonly string[] | undefined;

/** The `zh` list of `stopwords-iso` (794 words), loaded on first use. */
export function generalChineseStopWords(): readonly string[] {
  generalChinese ??= (require('stopwords-iso') as Record<string, string[]>).zh;
  return generalChinese;
}

/** Words and phrases of JD boilerplate that say nothing about the role. */
export const JD_BOILERPLATE_STOP_WORDS: readonly string[] = [
  // Section headers and structure.
  '岗位职责', '工作职责', '职位职责', '岗位描述', '职位描述', '工作内容', '任职要求', '任职资格', '岗位要求', '职位要求',
  '任职条件', '加分项', '职位福利', '福利待遇', '薪资待遇', '工作地点', '上班地址', '职能类别', '关键字', '职位亮点',
  // Verbs and qualifiers every posting uses.
  '负责', '参与', '熟悉', '熟练', '掌握', '精通', '了解', '熟练掌握', '熟练使用', '使用', '具备', '具有', '能够', '可以',
  '优先', '者优先', '相关', '以上', '以上学历', '及以上', '及以上学历', '相关专业', '专业', '学历', '本科', '大专', '硕士',
  '统招', '全日制', '经验', '工作经验', '相关经验', '年以上', '工作', '公司', '岗位', '职位', '要求', '能力', '完成', '进行',
  '提供', '保证', '保障', '提升', '优化', '支持', '推动', '协助', '配合', '根据', '包括', '以及', '等等', '至少', '一种',
  '一门', '主流', '常用', '常见', '良好', '良好的', '较强', '较强的', '优秀', '扎实', '深入', '深刻', '独立', '积极',
  '主动', '认真', '细致', '强烈', '良好的沟通能力', '沟通能力', '沟通', '表达能力', '团队合作', '团队合作精神', '合作精神',
  '团队', '责任心', '责任心强', '学习能力', '抗压能力', '执行力', '逻辑思维', '分析', '解决问题', '问题', '热情', '习惯',
  '精神', '意识', '方面', '方向', '领域', '行业', '业务', '项目', '系统', '技术', '开发', '实现', '维护', '编写', '日常',
  '相应', '对应', '各类', '各种', '一定', '基础', '理解', '应用', '效率', '能力者', '人员', '同事', '员工', '同学', '小伙伴',
  // Words that look generic but carry role signal (产品, 需求, 设计, 性能, 质量, 服务, 平台, 框架, 工具) are kept on purpose.
  // Benefits and recruiting chatter.
  '五险一金', '双休', '周末双休', '带薪年假', '年终奖', '年假', '节日福利', '餐补', '交通补贴', '住房补贴', '补充医疗保险',
  '定期体检', '团建', '团建旅游', '下午茶', '弹性工作', '免费', '三餐', '班车', '期权', '股票期权', '薪资', '待遇', '面议',
  '可谈', '欢迎', '投递', '简历', '联系', '内推', '私信', '诚聘', '招聘', '急招', '应届生', '发展', '空间', '机会', '晋升',
  '培训', '氛围', '薪酬', '福利', '成长', '平台稳定', '氛围好', '不限', '优先考虑', '优先录用', '感兴趣', '朋友', '带薪',
  '补贴', '节日', '积极主动', '学习', '工程师', '职责', '任职', '资格', '类别', '地址', '上班',
  // Generic verbs and adjectives that rank high in every role of the shared corpus (document frequency ≥ 5 %).
  '合作', '解决', '确保', '协作', '过程', '制定', '协调', '知识', '快速', '考虑', '环境', '执行', '提高', '实际', '高质量',
  '善于', '有效', '高效', '压力', '专业本科', '计算机相关', '及时', '提出', '改进', '成员', '基本', '安排', '建议', '现有',
  '目标', '技能', '定期', '丰富', '接受', '需要', '按时', '运用', '不断', '完善', '限于', '但不限于', '背景', '承担', '紧密',
  '情况', '适应', '建立', '清晰', '整体', '主要', '拥有', '承受', '热爱', '保持', '愿意', '详细', '抗压', '良好沟通',
];

/**
 * Section headers that jieba would cut into pieces (任职资格 → 任职 / 资格);
 * the tokenizer adds them to the segmenter's dictionary so that they come out
 * whole and are dropped as boilerplate.
 */
export const JD_SECTION_HEADERS: readonly string[] = [
  '岗位职责', '工作职责', '职位职责', '岗位描述', '职位描述', '工作内容', '任职要求', '任职资格', '岗位要求', '职位要求',
  '任职条件', '加分项', '职位福利', '福利待遇', '薪资待遇', '工作地点', '上班地址', '职能类别', '职位亮点', '五险一金',
  '带薪年假', '周末双休', '补充医疗保险', '节日福利', '团建旅游',
];

/** Common English function words (JDs of foreign companies mix them in). Kept short on purpose: no tech word. */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'is', 'are', 'be',
  'will', 'we', 'you', 'our', 'your', 'this', 'that', 'it', 'its', 'can', 'have', 'has', 'etc', 'e.g', 'i.e', 'plus',
  'able', 'experience', 'years', 'year', 'work', 'team', 'good', 'strong', 'skills', 'knowledge', 'ability', 'preferred',
  // Markup left in uncleaned text (&nbsp; <br> <strong>).
  'nbsp', 'br', 'amp', 'quot', 'strong', 'div', 'span',
];
