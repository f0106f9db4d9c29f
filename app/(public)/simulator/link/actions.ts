'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/server/db/client.ts';
import { FlanksError } from '@/server/flanks/flanks-client.ts';
import { usesFlanksApi } from '@/server/flanks/flanks-source.ts';
import { completeSimulatedLink, isCredOpsReturnUrl } from '@/server/flanks/simulator/simulator-link.ts';

const formSchema = z.object({
  flow: z.enum(['sca', 'reset']),
  token: z.string().min(1).max(200),
  redirect_uri: z.string().refine(isCredOpsReturnUrl),
  answer: z.string().max(200).default(''),
});

function readForm(formData: FormData) {
  const form = formSchema.safeParse(Object.fromEntries(formData));
  if (usesFlanksApi() || !form.success) redirect('/simulator/link');
  return form.data;
}

const again = (form: z.infer<typeof formSchema>, error: string) =>
  `/simulator/link?${new URLSearchParams({ flow: form.flow, token: form.token, redirect_uri: form.redirect_uri, error })}`;

/** As Flanks' Link would: a wrong answer stays on the page with Flanks' error; success returns to CredOps. */
export async function submitSimulatedLink(formData: FormData): Promise<void> {
  const form = readForm(formData);
  let error: string | null = null;
  try {
    await completeSimulatedLink(db, form.flow, form.token, form.answer);
  } catch (thrown) {
    if (!(thrown instanceof FlanksError)) throw thrown;
    error = thrown.code;
  }
  redirect(error ? again(form, error) : form.redirect_uri);
}

export async function cancelSimulatedLink(formData: FormData): Promise<void> {
  const form = readForm(formData);
  const back = new URL(form.redirect_uri);
  back.searchParams.set('error', 'ABORTED_BY_USER');
  redirect(back.toString());
}
