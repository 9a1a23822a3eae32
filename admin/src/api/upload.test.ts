import { describe, expect, it } from 'vitest';
import { uploadError } from './upload.ts';

describe('uploadError', () => {
  it('keeps the server’s code, message and fields', () => {
    const e = uploadError(400, {
      code: 'GK_ERR_VALIDATION',
      message: '文件内容与扩展名不符',
      fields: [{ field: 'file', message: '不是有效的 PDF 文件' }, { bad: 1 }],
    });
    expect(e.status).toBe(400);
    expect(e.code).toBe('GK_ERR_VALIDATION');
    expect(e.message).toBe('文件内容与扩展名不符');
    expect(e.fieldMessages('file')).toEqual(['不是有效的 PDF 文件']);
  });

  it('says something useful for bodies it does not know', () => {
    expect(uploadError(413, undefined).message).toBe('文件过大，无法上传');
    expect(uploadError(502, 'Bad gateway').code).toBe('GK_ERR_INTERNAL');
    expect(uploadError(418, null).message).toContain('418');
  });
});
