/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aw-account-actions.c: what the account editor, Preferences and the review sheet do
 * alike with the accounts and Online Accounts
 */
#include "config.h"

#include "aw-account-actions.h"

static void
on_saved_in_background (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!aw_account_store_save_finish (AW_ACCOUNT_STORE (source), result, &error))
    g_debug ("accounts: %s", error->message);
}

void
aw_account_actions_save_in_background (AwAccountStore *store)
{
  g_return_if_fail (AW_IS_ACCOUNT_STORE (store));

  aw_account_store_save_async (store, NULL, on_saved_in_background, NULL);
}

void
aw_account_actions_follow_online (AwOnlineAccounts **field,
                                  AwOnlineAccounts  *accounts,
                                  GCallback          changed,
                                  gpointer           owner)
{
  const char *signals[] = { "items-changed", "notify::available", "notify::loading" };

  g_return_if_fail (accounts == NULL || AW_IS_ONLINE_ACCOUNTS (accounts));

  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, owner);
  g_set_object (field, accounts);
  if (accounts == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_swapped (accounts, signals[i], changed, owner);
}

void
aw_account_actions_show_error (GtkLabel   *label,
                               const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

void
aw_account_actions_open_online_settings (GtkLabel *error_label)
{
  g_autoptr(GError) error = NULL;

  if (aw_online_accounts_open_settings (&error))
    return;
  if (error_label != NULL)
    aw_account_actions_show_error (error_label, error->message);
  else
    g_debug ("online accounts: %s", error->message);
}
