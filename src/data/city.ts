/**
 * `normalizeCity`: one key per city for the city facet. Platforms write the same city
 * as 重庆, 重庆·江北区, 重庆市 or 广东省广州市番禺区 (the Guangdong public service);
 * the facet compares cities, not districts.
 */
import { CITIES } from './places.js';

const PROVINCE_PREFIX =
  /^(?:[^省]{2,3}省|内蒙古(?:自治区)?|广西(?:壮族自治区)?|西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆(?:维吾尔自治区)?)(?=.)/;
const ETHNIC = '(?:汉|壮|回|满|苗|彝|藏|侗|瑶|白|傣|黎|羌|土家|哈尼|布依|蒙古|朝鲜|哈萨克|维吾尔|柯尔克孜|傈僳|景颇|土|撒拉)族';
const AUTONOMOUS_PREFECTURE = new RegExp(`^(.{2,}?)(?:${ETHNIC})+自治州$`);
const KNOWN_CITY = new RegExp(`^(?:${[...CITIES].sort((a, b) => b.length - a.length).join('|')})`);

/**
 * The city of a location field: the part before `·` / `-` / a space, without province
 * prefix, district or the 市 / 省 / 地区 / 自治州 suffix (重庆·江北区 → 重庆, 北京市 → 北京,
 * 广东省广州市番禺区 → 广州, 上海浦东新区 → 上海, 红河哈尼族彝族自治州 → 红河). Text that is
 * no recognisable place (全国, 在家办公) is returned trimmed; empty text gives ''.
 */
export function normalizeCity(name: string): string {
  let text = name.normalize('NFKC').trim();
  if (text === '') return '';
  text = text.split(/\s*[·\-—–,，/|、]\s*|\s+/)[0] || text;
  text = text.replace(PROVINCE_PREFIX, '');
  const city = /^(.{2,}?)市/.exec(text);
  if (city) return city[1];
  const known = KNOWN_CITY.exec(text);
  if (known) return known[0];
  const prefecture = AUTONOMOUS_PREFECTURE.exec(text);
  if (prefecture) return prefecture[1];
  return text.replace(/(.{2,}?)(?:省|地区|自治区|盟)$/, '$1');
}
