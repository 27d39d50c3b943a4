//! Typed identification: an id or a code, never a bare string that could be either.

use crate::Request;

macro_rules! reference {
    ($(#[$doc:meta])* $name:ident, $id_arg:literal, $code_arg:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            #[doc = concat!("By id (`", $id_arg, "=`).")]
            Id(i64),
            #[doc = concat!("By code (`", $code_arg, "=`).")]
            Code(String),
        }

        impl $name {
            /// Writes the argument into a request's form.
            pub(crate) fn write(&self, r: Request) -> Request {
                match self {
                    $name::Id(id) => r.form($id_arg, id.to_string()),
                    $name::Code(code) => r.form($code_arg, code.clone()),
                }
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name::Id(id)
            }
        }

        impl From<&str> for $name {
            fn from(code: &str) -> Self {
                $name::Code(code.to_owned())
            }
        }
    };
}

reference!(
    /// A machine, by id or code (`MachineRef::Code("WLD0001".into())`).
    MachineRef, "machine", "machinecode"
);
reference!(
    /// A dispatch type, by id or code (`"Code Red"`).
    DispatchTypeRef, "dispatchtype", "dispatchtypecode"
);
reference!(
    /// A trade, by id or code (`"Mechanic"`).
    TradeRef, "trade", "tradecode"
);
reference!(
    /// A product, by id or code.
    ProductRef, "product", "productcode"
);
reference!(
    /// A build sequence entry, by id or external id.
    BuildSequenceRef, "id", "externalid"
);

/// A line, by code or external id (the two forms the production endpoints take).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LineRef {
    /// By code (`linecode=`).
    Code(String),
    /// By external id (`line_externalid=`).
    ExternalId(String),
}

impl LineRef {
    pub(crate) fn write(&self, r: Request) -> Request {
        match self {
            LineRef::Code(c) => r.form("linecode", c.clone()),
            LineRef::ExternalId(e) => r.form("line_externalid", e.clone()),
        }
    }
}

impl From<&str> for LineRef {
    fn from(code: &str) -> Self {
        LineRef::Code(code.to_owned())
    }
}
