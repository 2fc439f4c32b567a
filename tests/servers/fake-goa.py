#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A stand-in for the GNOME Online Accounts daemon on the test session bus, so that the
# real libgoa GoaClient talks to something:
#
#   fake-goa.py            owns org.gnome.OnlineAccounts until SIGTERM or SIGINT
#
# It exports what GoaClient reads: an object manager at /org/gnome/OnlineAccounts, the
# Manager object, and one object per account under /org/gnome/OnlineAccounts/Accounts with
# the Account, Mail, OAuth2Based and PasswordBased interfaces (names, types and methods
# as in GOA 3.46). The test drives it through org.afterword.FakeGoa at /org/afterword/FakeGoa:
#
#   AddAccount(s json) -> o      an account, see DEFAULTS for the keys
#   RemoveAccount(s id)
#   Update(s id, s json)         changes Account/Mail properties ({"MailDisabled": true})
#                                or the fake's own keys; emits PropertiesChanged
#   Calls(s id) -> s json        how often GetAccessToken, EnsureCredentials and
#                                GetPassword were called
#
# Tokens: GetAccessToken returns tokens[0] until EnsureCredentials moves on to the next
# one (GOA's cached token, then a renewed one); with "ensure_fails" EnsureCredentials
# answers NotAuthorized and sets AttentionNeeded, as GOA does when it cannot renew.
# "token_delay_ms" holds back the GetAccessToken answer (a slow token server).
# Nothing is written to disk or printed: tokens and passwords stay in memory.

import json
import os
import signal
import sys

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

BASE = "/org/gnome/OnlineAccounts"

INTROSPECTION = """
<node>
 <interface name="org.freedesktop.DBus.ObjectManager">
  <method name="GetManagedObjects">
   <arg type="a{oa{sa{sv}}}" name="objects" direction="out"/>
  </method>
  <signal name="InterfacesAdded">
   <arg type="o" name="object_path"/><arg type="a{sa{sv}}" name="interfaces"/>
  </signal>
  <signal name="InterfacesRemoved">
   <arg type="o" name="object_path"/><arg type="as" name="interfaces"/>
  </signal>
 </interface>
 <interface name="org.gnome.OnlineAccounts.Manager">
  <method name="AddAccount">
   <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="a{sv}" direction="in"/><arg type="a{ss}" direction="in"/>
   <arg type="o" direction="out"/>
  </method>
  <method name="IsSupportedProvider">
   <arg type="s" direction="in"/><arg type="b" direction="out"/>
  </method>
 </interface>
 <interface name="org.gnome.OnlineAccounts.Account">
  <method name="Remove"/>
  <method name="EnsureCredentials"><arg type="i" name="expires_in" direction="out"/></method>
  %(account_props)s
 </interface>
 <interface name="org.gnome.OnlineAccounts.Mail">
  %(mail_props)s
 </interface>
 <interface name="org.gnome.OnlineAccounts.OAuth2Based">
  <method name="GetAccessToken">
   <arg type="s" name="access_token" direction="out"/><arg type="i" name="expires_in" direction="out"/>
  </method>
  <property type="s" name="ClientId" access="read"/>
  <property type="s" name="ClientSecret" access="read"/>
 </interface>
 <interface name="org.gnome.OnlineAccounts.PasswordBased">
  <method name="GetPassword">
   <arg type="s" name="id" direction="in"/><arg type="s" name="password" direction="out"/>
  </method>
 </interface>
 <interface name="org.afterword.FakeGoa">
  <method name="AddAccount"><arg type="s" direction="in"/><arg type="o" direction="out"/></method>
  <method name="RemoveAccount"><arg type="s" direction="in"/></method>
  <method name="Update"><arg type="s" direction="in"/><arg type="s" direction="in"/></method>
  <method name="Calls"><arg type="s" direction="in"/><arg type="s" direction="out"/></method>
 </interface>
</node>
"""

ACCOUNT_PROPS = {
    "ProviderType": "s", "ProviderName": "s", "ProviderIcon": "s", "Id": "s",
    "IsLocked": "b", "IsTemporary": "b", "AttentionNeeded": "b", "Identity": "s",
    "PresentationIdentity": "s", "MailDisabled": "b", "CalendarDisabled": "b",
    "ContactsDisabled": "b", "ChatDisabled": "b", "DocumentsDisabled": "b",
    "MapsDisabled": "b", "MusicDisabled": "b", "PrintersDisabled": "b",
    "PhotosDisabled": "b", "FilesDisabled": "b", "TicketingDisabled": "b",
    "TodoDisabled": "b", "ReadLaterDisabled": "b",
}
MAIL_PROPS = {
    "EmailAddress": "s", "Name": "s", "ImapSupported": "b", "ImapAcceptSslErrors": "b",
    "ImapHost": "s", "ImapUseSsl": "b", "ImapUseTls": "b", "ImapUserName": "s",
    "SmtpSupported": "b", "SmtpAcceptSslErrors": "b", "SmtpHost": "s", "SmtpUseAuth": "b",
    "SmtpAuthLogin": "b", "SmtpAuthPlain": "b", "SmtpAuthXoauth2": "b", "SmtpUseSsl": "b",
    "SmtpUseTls": "b", "SmtpUserName": "s",
}

# An account as the test describes it. Account and Mail properties by their D-Bus names;
# lower-case keys are the fake's own.
DEFAULTS = {
    "id": "account_1", "oauth2": True, "tokens": [], "password": None,
    "ensure_fails": False, "token_delay_ms": 0,
    "ProviderType": "google", "ProviderName": "Google", "ProviderIcon": "goa-account-google",
    "Identity": "", "PresentationIdentity": "", "EmailAddress": "", "Name": "",
    "SmtpSupported": True, "SmtpHost": "smtp.gmail.com", "SmtpUseAuth": True,
    "SmtpAuthXoauth2": True, "SmtpUseTls": True, "SmtpUserName": "",
    "ImapSupported": True, "ImapHost": "imap.gmail.com", "ImapUseSsl": True,
}


def props_xml(props):
    return "\n".join('<property type="%s" name="%s" access="read"/>' % (t, n)
                     for n, t in props.items())


NODE = Gio.DBusNodeInfo.new_for_xml(INTROSPECTION % {
    "account_props": props_xml(ACCOUNT_PROPS), "mail_props": props_xml(MAIL_PROPS)})


def iface(name):
    return NODE.lookup_interface(name)


def default_value(t):
    return False if t == "b" else ""


class Account:
    def __init__(self, spec):
        self.spec = dict(DEFAULTS)
        self.spec.update(spec)
        self.spec["Id"] = self.spec["id"]
        self.path = BASE + "/Accounts/" + self.spec["id"]
        self.token_index = 0
        self.calls = {"GetAccessToken": 0, "EnsureCredentials": 0, "GetPassword": 0}
        self.registrations = []

    def interfaces(self):
        names = ["org.gnome.OnlineAccounts.Account", "org.gnome.OnlineAccounts.Mail"]
        if self.spec["oauth2"]:
            names.append("org.gnome.OnlineAccounts.OAuth2Based")
        if self.spec["password"] is not None:
            names.append("org.gnome.OnlineAccounts.PasswordBased")
        return names

    def value(self, interface, name):
        table = {"org.gnome.OnlineAccounts.Account": ACCOUNT_PROPS,
                 "org.gnome.OnlineAccounts.Mail": MAIL_PROPS}.get(interface)
        if table is None:  # OAuth2Based: the client id and secret are not the fake's
            return GLib.Variant("s", "")
        t = table[name]
        return GLib.Variant(t, self.spec.get(name, default_value(t)))

    def properties(self, interface):
        info = iface(interface)
        return {p.name: self.value(interface, p.name) for p in info.properties}


class FakeGoa:
    def __init__(self, loop):
        self.loop = loop
        self.accounts = {}
        self.conn = None

    # ---- the object manager ----
    def managed_objects(self):
        objects = {BASE + "/Manager": {"org.gnome.OnlineAccounts.Manager": {}}}
        for account in self.accounts.values():
            objects[account.path] = {name: account.properties(name)
                                     for name in account.interfaces()}
        return GLib.Variant("(a{oa{sa{sv}}})", (objects,))

    def emit(self, path, interface, signal, variant):
        self.conn.emit_signal(None, path, interface, signal, variant)

    def add(self, spec):
        account = Account(spec)
        if account.spec["id"] in self.accounts:
            raise ValueError("account exists")
        for name in account.interfaces():
            account.registrations.append(self.conn.register_object(
                account.path, iface(name), self.on_account_call, self.on_get_property, None))
        self.accounts[account.spec["id"]] = account
        self.emit(BASE, "org.freedesktop.DBus.ObjectManager", "InterfacesAdded",
                  GLib.Variant("(oa{sa{sv}})", (account.path, {
                      name: account.properties(name) for name in account.interfaces()})))
        return account.path

    def remove(self, account_id):
        account = self.accounts.pop(account_id)
        for registration in account.registrations:
            self.conn.unregister_object(registration)
        self.emit(BASE, "org.freedesktop.DBus.ObjectManager", "InterfacesRemoved",
                  GLib.Variant("(oas)", (account.path, account.interfaces())))

    def update(self, account, changes):
        account.spec.update(changes)
        for interface, table in (("org.gnome.OnlineAccounts.Account", ACCOUNT_PROPS),
                                 ("org.gnome.OnlineAccounts.Mail", MAIL_PROPS)):
            changed = {name: account.value(interface, name) for name in changes if name in table}
            if changed:
                self.emit(account.path, "org.freedesktop.DBus.Properties", "PropertiesChanged",
                          GLib.Variant("(sa{sv}as)", (interface, changed, [])))

    def account_at(self, path):
        for account in self.accounts.values():
            if account.path == path:
                return account
        return None

    # ---- method calls ----
    def on_get_property(self, conn, sender, path, interface, name):
        account = self.account_at(path)
        return account.value(interface, name) if account is not None else None

    def on_base_call(self, conn, sender, path, interface, method, params, invocation):
        if method == "GetManagedObjects":
            invocation.return_value(self.managed_objects())
        elif method == "IsSupportedProvider":
            invocation.return_value(GLib.Variant("(b)", (True,)))
        else:
            invocation.return_dbus_error("org.gnome.OnlineAccounts.Error.NotSupported",
                                         "The test service adds accounts only for the test")

    def on_control_call(self, conn, sender, path, interface, method, params, invocation):
        try:
            if method == "AddAccount":
                result = GLib.Variant("(o)", (self.add(json.loads(params[0])),))
            elif method == "RemoveAccount":
                self.remove(params[0])
                result = None
            elif method == "Update":
                self.update(self.accounts[params[0]], json.loads(params[1]))
                result = None
            else:
                result = GLib.Variant("(s)", (json.dumps(self.accounts[params[0]].calls),))
        except (KeyError, ValueError) as e:
            invocation.return_dbus_error("org.afterword.FakeGoa.Error", str(e))
            return
        invocation.return_value(result)

    def on_account_call(self, conn, sender, path, interface, method, params, invocation):
        account = self.account_at(path)
        if account is None:
            invocation.return_dbus_error("org.freedesktop.DBus.Error.UnknownObject", path)
            return
        if method in account.calls:
            account.calls[method] += 1
        spec = account.spec
        if method == "GetAccessToken":
            if spec.get("AttentionNeeded") or account.token_index >= len(spec["tokens"]):
                invocation.return_dbus_error("org.gnome.OnlineAccounts.Error.NotAuthorized",
                                             "Credentials not found in keyring")
                return
            reply = GLib.Variant("(si)", (spec["tokens"][account.token_index], 3600))
            if spec["token_delay_ms"]:
                GLib.timeout_add(spec["token_delay_ms"], lambda: invocation.return_value(reply))
            else:
                invocation.return_value(reply)
        elif method == "EnsureCredentials":
            if spec["ensure_fails"]:
                self.update(account, {"AttentionNeeded": True})
                invocation.return_dbus_error("org.gnome.OnlineAccounts.Error.NotAuthorized",
                                             "Failed to refresh the access token (400): invalid_grant")
                return
            if account.token_index + 1 < len(spec["tokens"]):
                account.token_index += 1
            invocation.return_value(GLib.Variant("(i)", (3600,)))
        elif method == "GetPassword":
            if params[0] != "smtp-password" and params[0] != "imap-password":
                invocation.return_dbus_error("org.gnome.OnlineAccounts.Error.Failed",
                                             "No such password")
                return
            invocation.return_value(GLib.Variant("(s)", (spec["password"],)))
        elif method == "Remove":
            self.remove(spec["id"])
            invocation.return_value(None)
        else:
            invocation.return_dbus_error("org.freedesktop.DBus.Error.UnknownMethod", method)

    def on_bus(self, conn, name):
        self.conn = conn
        conn.register_object(BASE, iface("org.freedesktop.DBus.ObjectManager"),
                             self.on_base_call, None, None)
        conn.register_object(BASE + "/Manager", iface("org.gnome.OnlineAccounts.Manager"),
                             self.on_base_call, None, None)
        conn.register_object("/org/afterword/FakeGoa", iface("org.afterword.FakeGoa"),
                             self.on_control_call, None, None)

    def on_lost(self, conn, name):
        print("fake-goa: could not own org.gnome.OnlineAccounts", file=sys.stderr)
        self.loop.quit()


def main():
    loop = GLib.MainLoop()
    fake = FakeGoa(loop)
    Gio.bus_own_name(Gio.BusType.SESSION, "org.gnome.OnlineAccounts",
                     Gio.BusNameOwnerFlags.DO_NOT_QUEUE, fake.on_bus, None, fake.on_lost)
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)

    # A test that aborts cannot stop us: go when the parent has gone
    parent = os.getppid()

    def check_parent():
        if os.getppid() != parent:
            loop.quit()
            return GLib.SOURCE_REMOVE
        return GLib.SOURCE_CONTINUE
    GLib.timeout_add(200, check_parent)
    loop.run()


if __name__ == "__main__":
    main()
