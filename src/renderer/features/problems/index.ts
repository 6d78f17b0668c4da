export { ProblemsPanel } from './ProblemsPanel';
export { countProblems, nextProblem } from './problem-model';
