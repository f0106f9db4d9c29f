'use client';

import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { toast } from 'sonner';

interface ToastMessages<TData, TVariables> {
  /** Shown while the request is in flight ("Saving notes…"). */
  pending: string | ((variables: TVariables) => string);
  /** Shown once the server has committed it. */
  success: string | ((data: TData, variables: TVariables) => string);
  /** Where the change can be taken back safely, the toast offers it. */
  undo?: (data: TData, variables: TVariables) => void;
}

const text = <A extends unknown[]>(message: string | ((...args: A) => string), ...args: A) => (typeof message === 'function' ? message(...args) : message);

/**
 * A mutation that tells the person what happened: one toast per attempt, turned from pending into
 * success or into the server's error, so no change succeeds or fails silently.
 */
export function useToastedMutation<TData, TVariables = void>(
  options: UseMutationOptions<TData, Error, TVariables, string | number> & { messages: ToastMessages<TData, TVariables> },
) {
  const { messages, onMutate, onSuccess, onError, ...rest } = options;
  return useMutation<TData, Error, TVariables, string | number>({
    ...rest,
    onMutate: async (variables, context) => {
      await onMutate?.(variables, context);
      return toast.loading(text(messages.pending, variables));
    },
    onSuccess: (data, variables, toastId, context) => {
      const undo = messages.undo;
      toast.success(text(messages.success, data, variables), { id: toastId, action: undo ? { label: 'Undo', onClick: () => undo(data, variables) } : undefined });
      return onSuccess?.(data, variables, toastId, context);
    },
    onError: (error, variables, toastId, context) => {
      toast.error(error.message, { id: toastId });
      return onError?.(error, variables, toastId, context);
    },
  });
}
