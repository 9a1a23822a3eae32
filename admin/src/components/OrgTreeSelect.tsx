import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { Org } from '../api/orgs.ts';
import { buildTree, mapTree } from '../lib/tree.ts';

interface OrgOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: OrgOption[];
}

export type OrgTreeSelectProps = Omit<TreeSelectProps<string | null>, 'treeData' | 'onChange'> & {
  orgs: readonly Org[];
  /** Orgs that may not be chosen (e.g. an org itself and its descendants when moving it). */
  disabledIds?: ReadonlySet<string>;
  /** Cleared selections report null, which the request bodies use for "none". */
  onChange?: (value: string | null) => void;
};

/** Chooses an org from the org tree, searchable by name. Works as a Form.Item control. */
export function OrgTreeSelect({ orgs, disabledIds, onChange, ...rest }: OrgTreeSelectProps) {
  const treeData = useMemo(
    () =>
      mapTree<Org, OrgOption>(buildTree(orgs), (org, children) => ({
        value: org.id,
        title: org.name,
        ...(disabledIds?.has(org.id) ? { disabled: true } : {}),
        ...(children.length > 0 ? { children } : {}),
      })),
    [orgs, disabledIds],
  );
  // Small trees open fully; large ones open the top level only.
  const expanded = useMemo(() => (orgs.length <= 60 ? undefined : treeData.map((o) => o.value)), [orgs.length, treeData]);

  return (
    <TreeSelect<string | null>
      treeData={treeData}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={expanded === undefined}
      {...(expanded ? { treeDefaultExpandedKeys: expanded } : {})}
      popupMatchSelectWidth={false}
      onChange={(value) => onChange?.(value ?? null)}
      {...rest}
    />
  );
}
