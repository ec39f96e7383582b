/** What each granted scope lets CSCX do, in the words settings shows. */
const scopeLabels: Record<string, string> = {
  openid: 'Know which account it is',
  email: 'See the account’s address',
  'https://www.googleapis.com/auth/userinfo.email': 'See the account’s address',
  'https://www.googleapis.com/auth/gmail.send': 'Send mail you approved',
  'https://www.googleapis.com/auth/gmail.readonly': 'Read mail (to reply in a thread and never send twice)',
  'https://www.googleapis.com/auth/calendar.events.owned': 'Create and sync events on your calendars',
  'chat:write': 'Post messages you approved',
  'channels:history': 'Read public channels it was added to (never post twice)',
  'groups:history': 'Read private channels it was added to (never post twice)',
};

export function scopeLabel(scope: string): string {
  return scopeLabels[scope] ?? scope;
}
