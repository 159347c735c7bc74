import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from './ActionButton';

/** A link-style button at the right of a list row. */
export interface ListAction {
  id: string;
  label: string;
  onClick: () => void;
  loading?: boolean;
}

/**
 * One row of a card's list (drafts, hires, units, authorizations): a title, a line below it and an optional
 * badge; tapping the text opens it when `onOpen` is given; the row's actions sit at the right.
 */
export function ListItem({
  id,
  testId,
  title,
  sub,
  badge,
  onOpen,
  actions = [],
}: {
  id?: string;
  testId: string;
  title: ReactNode;
  sub: ReactNode;
  badge?: ReactNode;
  onOpen?: () => void;
  actions?: readonly ListAction[];
}) {
  return (
    <View className="list-item" id={id} data-testid={testId}>
      <View className="list-item__main" onClick={onOpen}>
        <View className="list-item__title">{title}</View>
        <View className="list-item__sub">{sub}</View>
        {badge}
      </View>
      {actions.length ? (
        <View className="list-item__actions">
          {actions.map((a) => (
            <ActionButton key={a.id} id={a.id} kind="link" loading={a.loading} onClick={a.onClick}>
              {a.label}
            </ActionButton>
          ))}
        </View>
      ) : null}
    </View>
  );
}
