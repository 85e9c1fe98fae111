import { useMutation, useQuery } from '@apollo/client/react';
import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
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
