import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';

const IS_H5 = process.env.TARO_ENV === 'h5';

export interface ActionButtonProps {
  id: string;
  onClick: () => void;
  children: ReactNode;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  disabled?: boolean;
  loading?: boolean;
}

/** A button with a stable id; native on H5 so tests and assistive tech see a real <button>. */
export function ActionButton({
  id,
  onClick,
  children,
  kind = 'primary',
  disabled,
  loading,
}: ActionButtonProps) {
  const className = `btn btn--${kind}`;
  if (IS_H5) {
    return (
      <button
        type="button"
        className={className}
        id={id}
        data-testid={id}
        disabled={disabled || loading}
        onClick={onClick}
      >
        {loading ? '请稍候…' : children}
      </button>
    );
  }
  return (
    <Button className={className} id={id} disabled={disabled} loading={loading} onClick={onClick}>
      {children}
    </Button>
  );
}
