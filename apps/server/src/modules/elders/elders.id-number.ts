// The GB 11643 rules live in contracts so the console validates exactly as the server does.
export { ageOn, checkCharacter, describeIdNumberProblem, makeIdNumber, parseIdNumber, type IdNumberProblem, type ParsedIdNumber } from '@yiyang/contracts';
