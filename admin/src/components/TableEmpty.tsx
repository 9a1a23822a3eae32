/**
 * A table's empty (or loading) text. antd draws its placeholder in a pale grey that fails
 * WCAG AA contrast; this text carries its own readable colour.
 */
export function TableEmpty({ loading, text }: { loading: boolean; text: string }) {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{loading ? '加载中…' : text}</span>;
}
