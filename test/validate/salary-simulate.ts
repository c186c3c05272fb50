/**
 * Salaries with a planted premium, for the salary tests: log salary = base of
 * the cluster + level of the city + company effect + noise, times `factor` for
 * `cluster` in `city`. Companies post in one city each (as real employers
 * mostly do), so the company effect is clustered the way the bootstrap assumes.
 */
import { Random } from '../../src/core/index.js';

export interface PlantedSalaries {
  labels: Int32Array;
  salaryMonthly: (number | null)[];
  cities: string[];
  companies: string[];
  experience: (string | null)[];
}

export function plantedSalaries(seed: number, n: number, factor: number, plant = { cluster: 2, city: '深圳' }): PlantedSalaries {
  const random = new Random(seed);
  const cityNames = ['北京', '上海', '深圳', '成都'];
  const cityLevel = [0.2, 0.2, 0.15, -0.1];
  const clusterBase = [9.6, 9.9, 10.1, 9.4, 9.8];
  const experienceBands = ['0-1', '1-3', '3-5', '5-10'];
  const companyCity = Array.from({ length: 300 }, () => random.int(cityNames.length));
  const companyEffect = Array.from({ length: 300 }, () => 0.15 * random.normal());
  const labels = new Int32Array(n);
  const salaryMonthly: (number | null)[] = [],
    cities: string[] = [],
    companies: string[] = [],
    experience: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const company = random.int(300);
    const cluster = random.next() < 0.05 ? -1 : random.int(clusterBase.length);
    const c = companyCity[company];
    const band = random.int(experienceBands.length);
    labels[i] = cluster;
    let log = (cluster >= 0 ? clusterBase[cluster] : 9.7) + cityLevel[c] + companyEffect[company] + 0.12 * band + 0.25 * random.normal();
    if (cluster === plant.cluster && cityNames[c] === plant.city) log += Math.log(factor);
    salaryMonthly.push(random.next() < 0.1 ? null : Math.round(Math.exp(log)));
    cities.push(cityNames[c]);
    companies.push(`公司${company}`);
    experience.push(random.next() < 0.1 ? null : experienceBands[band]);
  }
  return { labels, salaryMonthly, cities, companies, experience };
}
