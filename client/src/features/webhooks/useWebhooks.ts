import { useMutation, useQuery } from '@apollo/client/react';
import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
  RotateWebhookSecretDocument,
  UpdateWebhookDocument,
  WebhooksDocument,
  type WebhooksQuery,
} from '../../graphql/graphql';

export type Webhook = WebhooksQuery['webhooks'][number];

export function useWebhooks() {
  return useQuery(WebhooksDocument);
}

export function useCreateWebhook() {
  return useMutation(CreateWebhookDocument, { refetchQueries: ['Webhooks'] });
}

export function useDeleteWebhook() {
  return useMutation(DeleteWebhookDocument, { refetchQueries: ['Webhooks'] });
}

export function useUpdateWebhook() {
  return useMutation(UpdateWebhookDocument, { refetchQueries: ['Webhooks'] });
}

/** The list is not refetched: nothing it shows changes. */
export function useRotateWebhookSecret() {
  return useMutation(RotateWebhookSecretDocument);
}
