export {
  salaryPremiums,
  salaryPlan,
  salaryPart,
  type SalaryPlan,
  DEFAULT_SALARY_OPTIONS,
  type ResolvedSalaryOptions,
  type SalaryInput,
  type SalaryOptions,
  type SalaryPremium,
} from './salary-premiums.js';
export { IndicatorRegression, type CoefficientEstimate, type DummyDesign } from './dummy-regression.js';
export { salaryPremiumsAsync } from './salary-task.js';
