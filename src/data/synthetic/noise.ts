/**
 * The dirt real postings carry and `cleanText` must remove: contact details
 * (phones, WeChat, QQ, e-mail) and HTML left over from the site's editor.
 */
import type { Random } from '../../core/index.js';

const PHONE_PREFIX = ['138', '139', '136', '158', '186', '177', '150', '188', '135', '199'];
const MAIL_DOMAIN = ['163.com', 'qq.com', 'hr-mail.cn', 'company.com.cn', 'foxmail.com'];
const NAME_PINYIN = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu'];

function digits(rng: Random, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += String(rng.int(10));
  return s;
}

/** One line of contact details, in one of the forms recruiters use. */
export function contactLine(rng: Random): string {
  const phone = `${rng.pick(PHONE_PREFIX)}${digits(rng, 8)}`;
  const handle = `${rng.pick(NAME_PINYIN)}${rng.pick(['hr', '_hr', 'recruit', ''])}${digits(rng, 3)}`;
  switch (rng.int(5)) {
    case 0:
      return `联系电话：${phone}（同微信）`;
    case 1:
      return `简历请投递至：${handle}@${rng.pick(MAIL_DOMAIN)}，邮件标题注明应聘岗位`;
    case 2:
      return `微信：${handle}，加好友请备注“应聘”`;
    case 3:
      return `QQ：${String(1 + rng.int(9))}${digits(rng, 8)}，或致电 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    default:
      return `HR ${rng.pick(['张女士', '李先生', '王经理', '陈女士'])} ${phone}，vx：${handle}`;
  }
}

/** Line breaks and spaces as a web editor stores them. */
export function htmlize(text: string, rng: Random): string {
  const br = rng.pick(['<br />', '<br>', '<br/>']);
  let html = text.replace(/\n/g, br);
  if (rng.next() < 0.5) html = html.replace(/：/g, '：&nbsp;');
  if (rng.next() < 0.4) html = `<p>${html}</p>`;
  if (rng.next() < 0.3) html = html.replace(/(岗位职责|任职要求|任职资格|工作职责)：/g, '<strong>$1：</strong>');
  // Editors escape the ampersand of 'R&D' / 'A&B' and wrap words in spans.
  if (rng.next() < 0.2) html = html.replace(/研发/, 'R&amp;D研发');
  return html;
}

/** Markdown-like bold markers some sites keep around headings. */
export function markdownBold(text: string): string {
  return text.replace(/(岗位职责|任职要求|任职资格|工作职责|加分项)：/g, '**$1：**');
}
