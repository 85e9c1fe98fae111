import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { UpdateUserSettingsDocument, UserSettingsDocument } from '../../graphql/graphql';
import { browserTimeZone } from './time-zones';

export function useUserSettings() {
  return useQuery(UserSettingsDocument);
}

export function useUpdateUserSettings() {
  return useMutation(UpdateUserSettingsDocument, {
    // "Today" moves with the zone, and with it which bills are due.
    refetchQueries: ['UpcomingBills', 'RecurringRules'],
  });
}

/**
 * On first use the server does not know the user's zone (it counts days in UTC until told):
 * the browser's is sent, once. A zone chosen later in the settings is never overwritten.
 */
export function useAdoptBrowserTimeZone(): void {
  const { data } = useUserSettings();
  const [update] = useUpdateUserSettings();
  const sent = useRef(false);
  const chosen = data?.userSettings.timeZoneChosen;
  useEffect(() => {
    if (chosen !== false || sent.current) return;
    sent.current = true;
    void update({ variables: { input: { timeZone: browserTimeZone() } } }).catch(() => {
      // An unknown zone stays unset (UTC applies); the settings page offers the list.
    });
  }, [chosen, update]);
}
