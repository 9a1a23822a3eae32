import { Alert } from 'antd';

/** A form's error text above its buttons (role="alert": read out when it appears); nothing when null. */
export function FormErrorAlert({ text }: { text: string | null }) {
  return text ? <Alert className="gk-form-alert" type="error" showIcon role="alert" title={text} /> : null;
}
