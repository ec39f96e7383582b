/** Where Calendar's events come from, for the sidebar's write and a Calendar sync alike. */
export const calendarSource = 'google_calendar';
