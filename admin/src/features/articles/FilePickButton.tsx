import { Button, type ButtonProps } from 'antd';
import { useRef, type ReactNode } from 'react';

export const ATTACHMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ofd,.png,.jpg,.jpeg,.gif,.webp';
export const IMAGE_ACCEPT = '.png,.jpg,.jpeg,.gif,.webp';

export interface FilePickButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  accept: string;
  onPick: (file: File) => void;
  children: ReactNode;
}

/**
 * A button that opens the file chooser. A plain hidden input rather than antd's Upload, whose
 * role="button" wrapper around a button nests interactive elements (an axe violation).
 */
export function FilePickButton({ accept, onPick, children, ...button }: FilePickButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button {...button} onClick={() => input.current?.click()}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        // Inline display:none: antd's reset overrides the hidden attribute, and a shown input would need its own label.
        style={{ display: 'none' }}
        aria-hidden
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so choosing the same file again still fires a change.
          e.target.value = '';
          if (file) onPick(file);
        }}
      />
    </>
  );
}
