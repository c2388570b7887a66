import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

export const accountNotFound = () => new DomainError(ProblemCode.AccountNotFound, 'No such account among yours');

export const codeNotFound = () => new DomainError(ProblemCode.CodeNotFound, 'No business or account has this code; check it with the shop');
