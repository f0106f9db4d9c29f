import { cva, type VariantProps } from 'class-variance-authority';
import { Slot } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed [&_svg]:size-4 [&_svg]:shrink-0',
  {
    variants: {
      variant: {
        primary: 'bg-slate-900 text-white hover:bg-slate-700 disabled:bg-slate-400',
        secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-400',
        destructive: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-red-300',
        ghost: 'text-slate-700 hover:bg-slate-100',
      },
      size: {
        default: 'px-4 py-2 text-sm',
        sm: 'px-3 py-1 text-sm',
        xs: 'px-2 py-0.5 text-xs',
      },
    },
    defaultVariants: { variant: 'primary', size: 'default' },
  },
);

type ButtonProps = ComponentProps<'button'> & VariantProps<typeof buttonVariants> & { asChild?: boolean };

/** The one button. `asChild` lends its look to a link; `className` merges, so a caller's padding wins. */
export function Button({ variant, size, asChild, className, type = 'button', ...props }: ButtonProps) {
  const Component = asChild ? Slot.Root : 'button';
  return <Component {...props} type={asChild ? undefined : type} className={cn(buttonVariants({ variant, size }), className)} />;
}
