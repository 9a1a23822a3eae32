import { describe, expect, it } from 'vitest';
import { passwordProblems } from './passwordPolicy.ts';

describe('client password check', () => {
  it('accepts a password of 3 classes and 8 characters', () => {
    expect(passwordProblems('Abcdef12', 'zhangsan')).toEqual([]);
  });

  it('reports every problem separately', () => {
    expect(passwordProblems('abc', 'zhangsan')).toEqual(['密码长度至少 8 位', '密码须包含大写字母、小写字母、数字、特殊字符中的至少 3 类']);
    expect(passwordProblems('Zhangsan#2026', 'zhangsan')).toEqual(['密码不能包含用户名']);
  });
});
