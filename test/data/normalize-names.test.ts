import { describe, expect, it } from 'vitest';
import { normalizeCity, normalizeCompany } from '../../src/data/index.js';

describe('normalizeCompany', () => {
  it('gives one key to the spellings of one employer (real names from the shared corpus)', () => {
    const huawei = [
      '华为',
      '华为技术有限公司',
      '西安华为',
      '华为技术(深圳)有限公司',
      '华为-西安',
      '西安华为技术有限公司',
      '深圳华为技术有限...',
      '杭州华为云计算技术有限公司',
      '华为成都研究所',
      '上海华为技术有限公司',
    ];
    for (const name of huawei) expect(normalizeCompany(name), name).toBe('华为');
    expect(normalizeCompany('北京字节跳动')).toBe(normalizeCompany('字节跳动'));
    expect(normalizeCompany('字节跳动·大力教育')).toBe('字节跳动');
    expect(normalizeCompany('中软国际科技服务有限公司')).toBe(normalizeCompany('中软国际'));
    expect(normalizeCompany('中电金信软件有限公司')).toBe(normalizeCompany('中电金信'));
    expect(normalizeCompany('腾讯科技(北京)公司')).toBe('腾讯');
    expect(normalizeCompany('成都市榕棋软件有限公司')).toBe('榕棋');
  });
  it('cuts branches after the legal form and keeps distinct employers apart', () => {
    expect(normalizeCompany('上海亚大汽车塑料制品有限公司芜湖分公司')).toBe('亚大汽车塑料制品');
    expect(normalizeCompany('华为慧通')).not.toBe('华为');
    expect(normalizeCompany('东方财富信息股份有限公司')).toBe('东方财富');
    expect(normalizeCompany('中国移动')).toBe('中国移动');
    expect(normalizeCompany('ＹＥＡＬＩＮＫ')).toBe('yealink');
  });
  it('keeps anonymous names whole and never returns a stripped-empty key', () => {
    expect(normalizeCompany('某知名公司')).toBe('某知名公司');
    expect(normalizeCompany('某知名机械设备公司')).not.toBe(normalizeCompany('某知名公司'));
    expect(normalizeCompany('')).toBe('');
    expect(normalizeCompany('有限公司')).not.toBe('');
    expect(normalizeCompany('科技')).toBe('科技');
  });
});

describe('normalizeCity', () => {
  it('drops district, province and suffixes', () => {
    const cases: Record<string, string> = {
      '重庆·江北区': '重庆',
      北京市: '北京',
      重庆: '重庆',
      广东省广州市番禺区: '广州',
      上海浦东新区: '上海',
      '深圳-南山区': '深圳',
      内蒙古自治区呼和浩特市: '呼和浩特',
      红河哈尼族彝族自治州: '红河',
      喀什地区: '喀什',
      浙江省: '浙江',
      全国: '全国',
      '': '',
    };
    for (const [text, city] of Object.entries(cases)) expect(normalizeCity(text), text).toBe(city);
  });
});
